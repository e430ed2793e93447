/** Every sentence the widget shows a visitor. A site can override each one, in any language. */
export interface Messages {
  required: string;
  invalidName: string;
  invalidEmail: string;
  invalidPhone: string;
  invalidField: string;
  fixFields: string;
  sending: string;
  success: string;
  failed: string;
  queued: string;
}

/** English. */
export const en: Messages = {
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

/** Arabic (forms in Arabic are laid out right to left). */
export const ar: Messages = {
  required: 'هذا الحقل مطلوب',
  invalidName: 'أدخل اسمك',
  invalidEmail: 'أدخل بريدًا إلكترونيًا صحيحًا',
  invalidPhone: 'أدخل رقم هاتف صحيحًا مع رمز الدولة',
  invalidField: 'تحقّق من هذا الحقل',
  fixFields: 'يُرجى تصحيح الحقول المحدَّدة.',
  sending: 'جارٍ الإرسال…',
  success: 'شكرًا لك! لقد استلمنا بياناتك.',
  failed: 'عذرًا، تعذّر إرسال بياناتك. يُرجى المحاولة مرة أخرى.',
  queued: 'يبدو أنك غير متصل. حفظنا بياناتك وسنرسلها عند عودة الاتصال.',
};

/** True for languages written right to left. */
export const isRtl = (locale: string): boolean => /^(ar|fa|he|ur)\b/i.test(locale);

/** The catalogue for a language tag (`ar-EG` -> Arabic; anything else -> English), with overrides. */
export const messagesFor = (locale: string, overrides: Partial<Messages> = {}): Messages => ({
  ...(/^ar\b/i.test(locale) ? ar : en),
  ...overrides,
});

/** The message for a field the shared schema refused. */
export const invalidMessage = (text: Messages, field: string): string =>
  field === 'name' ? text.invalidName : field === 'email' ? text.invalidEmail : field === 'phone' ? text.invalidPhone : text.invalidField;
