import type { Labels, Messages } from './catalogue.ts';

/** Arabic (forms in Arabic are laid out right to left). */
export const ARABIC_MESSAGES: Messages = {
  required: 'هذا الحقل مطلوب',
  invalidName: 'أدخل اسمك',
  invalidEmail: 'أدخل بريدًا إلكترونيًا صحيحًا',
  invalidPhone: 'أدخل رقم هاتف صحيحًا مع رمز الدولة',
  invalidField: 'تحقّق من هذا الحقل',
  fixFields: 'يُرجى تصحيح الحقول المحدَّدة.',
  sending: 'جارٍ الإرسال…',
  success: 'شكرًا لك! لقد استلمنا بياناتك.',
  failed: 'عذرًا، تعذّر إرسال بياناتك. يُرجى المحاولة مرة أخرى.',
  queued: 'تعذّر الوصول إلى خادمنا. حفظنا بياناتك على هذا الجهاز وسنرسلها تلقائيًا.',
  rateLimited: 'وصلتنا طلبات كثيرة من شبكتك للتو. حفظنا طلبك وسنرسله بعد قليل.',
  refused: 'عذرًا، لا يمكن لهذا النموذج استلام بياناتك الآن. يُرجى التواصل معنا بطريقة أخرى.',
};

export const ARABIC_LABELS: Labels = {
  name: 'الاسم الكامل',
  firstName: 'الاسم الأول',
  first_name: 'الاسم الأول',
  lastName: 'اسم العائلة',
  last_name: 'اسم العائلة',
  surname: 'اسم العائلة',
  phone: 'رقم الهاتف',
  email: 'البريد الإلكتروني',
  message: 'رسالتك',
  city: 'المدينة',
  consent: 'أوافق على التواصل معي بخصوص طلبي',
  submit: 'إرسال',
  choose: 'اختر…',
};
