import { plural } from '../plural.js';
import type { MarkdownStrings, ParleyStrings } from '../strings.js';

const L = 'he';

// Hebrew counts: one, two (said in words) and other. Infinitives and nouns, as Hebrew
// interfaces use them, keep the buttons free of a reader's gender; a name follows "של"
// rather than a prefix it would have to join. U+200E keeps "http://" whole.

/** Hebrew. */
const he: ParleyStrings & MarkdownStrings = {
  count: (n, locale) =>
    n === 0 ? 'אין עדיין תגובות' : plural(locale, n, { one: 'תגובה אחת', two: 'שתי תגובות', other: '# תגובות' }),
  title: 'תגובות',
  loading: 'התגובות נטענות…',
  loaded: (n, locale) => plural(locale, n, { one: 'נטענה תגובה אחת', two: 'נטענו שתי תגובות', other: 'נטענו # תגובות' }),
  loadFailed: 'לא ניתן היה לטעון את התגובות.',
  retry: 'ניסיון נוסף',
  loadMore: 'טעינת תגובות נוספות',
  loadingMore: 'תגובות נוספות נטענות…',
  reply: 'להשיב',
  replyTo: (name) => `להשיב לתגובה של ${name}`,
  inReplyTo: (name) => `בתשובה לתגובה של ${name}`,
  pending: 'ממתינה לאישור',
  showMore: 'להמשך קריאה',
  newCommentForm: 'כתיבת תגובה',
  commentLabel: 'התגובה שלך',
  nameLabel: 'שם',
  emailLabel: 'דוא״ל (לא יוצג לעולם)',
  urlLabel: 'אתר',
  required: 'חובה',
  fieldMissing: {
    name: 'נא למלא שם.',
    email: 'נא למלא כתובת דוא״ל. היא לא תוצג לעולם.',
    url: 'נא למלא כתובת אתר.',
  },
  notifyReplies: 'עדכנו אותי בדוא״ל על תגובות',
  emailInvalid: 'זו לא נראית כמו כתובת דוא״ל (name@example.com).',
  urlInvalid: 'כתובת אתר מתחילה ב־http://\u200e או ב־https://\u200e.',
  postComment: 'פרסום התגובה',
  postReply: 'פרסום התשובה',
  cancel: 'ביטול',
  posting: 'מתפרסמת…',
  posted: 'התגובה פורסמה',
  postedPending: 'התגובה שלך ממתינה לאישור',
  emptyBody: 'נא לכתוב את התגובה לפני הפרסום.',
  tooLong: (max) =>
    plural(L, max, {
      one: 'התגובה ארוכה מתו אחד. נא לקצר אותה.',
      two: 'התגובה ארוכה משני תווים. נא לקצר אותה.',
      other: 'התגובה ארוכה מ־# תווים. נא לקצר אותה.',
    }),
  charactersLeft: (n) =>
    n >= 0
      ? plural(L, n, { one: 'נותר תו אחד', two: 'נותרו שני תווים', other: 'נותרו # תווים' })
      : plural(L, -n, { one: 'תו אחד יותר מדי', two: 'שני תווים יותר מדי', other: '# תווים יותר מדי' }),
  postFailed: (reason) => `התגובה שלך לא פורסמה: ${reason} הטקסט נשמר, ואפשר לנסות שוב.`,
  timeout: 'שרת התגובות לא ענה בזמן.',
  offline: 'אין חיבור לאינטרנט.',
  unknownError: 'משהו השתבש.',
  unreachable: 'לא ניתן להתחבר לשרת התגובות.',
  tooFast: 'התגובות נשלחות מהר מדי. נא להמתין רגע.',
  rateLimited: 'נשלחו יותר מדי תגובות מהחיבור שלך. נא להמתין כמה דקות.',
  duplicate: 'התגובה הזו כבר פורסמה.',
  emailRequired: 'האתר הזה מבקש כתובת דוא״ל.',
  nameRequired: 'האתר הזה מבקש שם.',
  tooManyReplies: 'אי אפשר להוסיף עוד תשובות לתגובה הזו.',
  deleted: 'התגובה נמחקה',
  replyDraft: 'להשיב (הטיוטה נשמרה)',
  replyToDraft: (name) => `להשיב לתגובה של ${name} (הטיוטה נשמרה)`,
  copyLink: 'העתקת קישור',
  copyLinkTo: (name) => `העתקת קישור לתגובה של ${name}`,
  linkCopied: 'הקישור הועתק',
  linkField: 'קישור לתגובה הזו',
  notFound: 'התגובה שהקישור מפנה אליה כבר לא נמצאת בדיון הזה.',
  hideReplies: 'הסתרת התשובות',
  showReplies: (n) => plural(L, n, { one: 'הצגת תשובה אחת', two: 'הצגת שתי תשובות', other: 'הצגת # תשובות' }),
  hideRepliesTo: (name) => `הסתרת התשובות לתגובה של ${name}`,
  showRepliesTo: (n, name) =>
    plural(
      L,
      n,
      { one: 'הצגת תשובה אחת לתגובה של {name}', two: 'הצגת שתי תשובות לתגובה של {name}', other: 'הצגת # תשובות לתגובה של {name}' },
      name,
    ),
  moreReplies: (n) => plural(L, n, { one: 'הצגת תשובה נוספת', two: 'הצגת שתי תשובות נוספות', other: 'הצגת # תשובות נוספות' }),
  sortLabel: 'מיון התגובות',
  oldestFirst: 'הישנות קודם',
  newestFirst: 'החדשות קודם',
  showComments: 'הצגת התגובות',
  draftRestored: 'הטיוטה שוחזרה',
  draftsOff: 'הדפדפן הזה לא יכול לשמור טיוטות כרגע: כדאי להשאיר את הכרטיסייה פתוחה עד הפרסום.',
  confirmClose: 'לחיצה נוספת על Esc תסגור את התשובה. הטיוטה נשמרת.',
  edit: 'עריכה',
  editComment: (excerpt) => `עריכה של התגובה שלך "${excerpt}"`,
  delete: 'מחיקה',
  deleteComment: (excerpt) => `מחיקה של התגובה שלך "${excerpt}"`,
  editForm: 'עריכת התגובה שלך',
  save: 'שמירה',
  saving: 'בשמירה…',
  edited: 'התגובה עודכנה',
  editedMark: 'נערכה',
  editFailed: (reason) => `התגובה שלך לא שונתה: ${reason} הטקסט נשמר, ואפשר לנסות שוב.`,
  deleteQuestion: 'למחוק את התגובה הזו? אי אפשר לבטל את הפעולה.',
  deleteConfirm: 'כן, למחוק',
  deleteFailed: (reason) => `התגובה שלך לא נמחקה: ${reason}`,
  editWindowClosed: 'הזמן לשינוי התגובה הזו עבר.',
  notYours: 'אפשר לשנות את התגובה הזו רק מהדפדפן שבו היא פורסמה.',
  anonymous: 'אנונימי',
  markdownSwitch: 'Markdown: כתיבה או תצוגה מקדימה',
  markdownWrite: 'כתיבה',
  markdownPreview: 'תצוגה מקדימה',
  markdownEmpty: 'אין עדיין מה להציג בתצוגה המקדימה.',
};

export default he;
