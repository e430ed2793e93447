/** Every sentence the widget shows a visitor, so a site can override or translate each one. */
export const messages = {
  required: 'This field is required',
  sending: 'Sending…',
  success: 'Thank you! We have received your details.',
  failed: 'Sorry, we could not send your details. Please try again.',
  fixFields: 'Please correct the highlighted fields.',
};

/** A message catalogue: one sentence per key of `messages`. */
export type Messages = typeof messages;
