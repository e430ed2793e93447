import type { ApiErrorCode } from '../../shared/api.ts';

/** Languages of the Worker's own pages; anything else reads English. */
export type PageLocale = 'en' | 'ar';

/** What the Worker's pages say, per language. */
export interface PageMessages {
  dir: 'ltr' | 'rtl';
  thanksTitle: string;
  thanksText: string;
  rejectedTitle: string;
  rejectedText: string;
  refusedTitle: string;
  fieldsIntro: string;
  back: string;
  retryAfter: (seconds: string) => string;
  /** Why a post was refused, by error code; unset: the answer's own (English) message. */
  refusals: Partial<Record<ApiErrorCode | 'server_error', string>>;
}

const MESSAGES: Readonly<Record<PageLocale, PageMessages>> = {
  en: {
    dir: 'ltr',
    thanksTitle: 'Thank you!',
    thanksText: 'We have your details and will be in touch soon.',
    rejectedTitle: 'Your details could not be passed on',
    rejectedText: 'We received them, but they could not be handed over. Please contact us another way.',
    refusedTitle: 'Your details were not sent',
    fieldsIntro: 'Please check:',
    back: 'Back to the form',
    retryAfter: (seconds) => `Please try again in ${seconds} seconds.`,
    refusals: {},
  },
  ar: {
    dir: 'rtl',
    thanksTitle: 'شكراً لك!',
    thanksText: 'وصلتنا بياناتك وسنتواصل معك قريباً.',
    rejectedTitle: 'تعذّر تمرير بياناتك',
    rejectedText: 'استلمنا بياناتك لكن تعذّر تسليمها. يُرجى التواصل معنا بطريقة أخرى.',
    refusedTitle: 'لم تُرسل بياناتك',
    fieldsIntro: 'يُرجى مراجعة:',
    back: 'العودة إلى النموذج',
    retryAfter: (seconds) => `يُرجى المحاولة مرة أخرى بعد ${seconds} ثانية.`,
    refusals: {
      invalid_input: 'بعض الحقول تحتاج إلى مراجعة.',
      invalid_json: 'تعذّرت قراءة النموذج.',
      unsupported_media_type: 'لا يقبل هذا النموذج هذا النوع من البيانات أو الملفات.',
      payload_too_large: 'البيانات المرسلة أكبر من المسموح.',
      unknown_form: 'هذا النموذج غير موجود.',
      forbidden_origin: 'لا يُسمح لهذا الموقع بالإرسال إلى هذا النموذج.',
      method_not_allowed: 'يُرسل هذا النموذج بطريقة POST فقط.',
      rate_limited: 'طلبات كثيرة من هذا الاتصال.',
      server_error: 'حدث خطأ من جهتنا.',
    },
  },
};

/** The messages of one page language. */
export const messagesFor = (locale: PageLocale): PageMessages => MESSAGES[locale];

/**
 * The page language: the one the form asked for (its `locale`/`lang` field, or `?lang=`), else
 * the first of the browser's `Accept-Language` that the pages speak (by q-value), else English.
 */
export function pageLocale(requested: string | null | undefined, acceptLanguage: string | null): PageLocale {
  const spoken = (tag: string): PageLocale | undefined => {
    const base = tag.trim().toLowerCase().split('-')[0];
    return base === 'ar' || base === 'en' ? base : undefined;
  };
  if (requested) return spoken(requested) ?? 'en';
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = spoken(tag);
    if (locale) return locale;
  }
  return 'en';
}
