import type { Labels, Messages } from './catalogue.ts';

/** English, the default. */
export const ENGLISH_MESSAGES: Messages = {
  required: 'This field is required',
  invalidName: 'Enter your name',
  invalidEmail: 'Enter a valid email address',
  invalidPhone: 'Enter a valid phone number, with its country code',
  invalidField: 'Check this field',
  fixFields: 'Please correct the highlighted fields.',
  sending: 'Sending…',
  success: 'Thank you! We have received your details.',
  failed: 'Sorry, we could not send your details. Please try again.',
  queued: 'You seem to be offline. Your details are saved and will be sent when you are back online.',
};

export const ENGLISH_LABELS: Labels = {
  name: 'Full name',
  firstName: 'First name',
  first_name: 'First name',
  lastName: 'Last name',
  last_name: 'Last name',
  surname: 'Surname',
  phone: 'Phone',
  email: 'Email',
  message: 'Message',
  city: 'City',
  consent: 'I agree to be contacted about my enquiry',
  submit: 'Send',
  choose: 'Choose…',
};
