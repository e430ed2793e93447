// English labels of the fields the product knows: the widget's forms show them, and the snippets
// the README, the operator page and `npm run snippet` print use the same words.

/** English label by field name; `submit` is the button, `choose` a required select's empty choice. */
export const ENGLISH_LABELS: Readonly<Record<string, string>> = {
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
