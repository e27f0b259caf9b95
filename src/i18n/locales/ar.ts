import { plural } from '../plural.js';
import type { MarkdownStrings, ParleyStrings } from '../strings.js';

const L = 'ar';

// Arabic counts take six forms (zero, one, two, few for 3–10, many for 11–99, other for
// 100 and up); one and two are said in words. Verbal nouns and the passive keep the
// buttons and messages free of a reader's gender. U+200E keeps "http://" whole in the
// right-to-left sentence.

/** Arabic, in Modern Standard Arabic. */
const ar: ParleyStrings & MarkdownStrings = {
  count: (n, locale) =>
    n === 0
      ? 'لا توجد تعليقات بعد'
      : plural(locale, n, { one: 'تعليق واحد', two: 'تعليقان', few: '# تعليقات', many: '# تعليقًا', other: '# تعليق' }),
  title: 'التعليقات',
  loading: 'جارٍ تحميل التعليقات…',
  loaded: (n, locale) =>
    plural(locale, n, {
      zero: 'لا توجد تعليقات',
      one: 'تم تحميل تعليق واحد',
      two: 'تم تحميل تعليقين',
      few: 'تم تحميل # تعليقات',
      many: 'تم تحميل # تعليقًا',
      other: 'تم تحميل # تعليق',
    }),
  loadFailed: 'تعذّر تحميل التعليقات.',
  retry: 'إعادة المحاولة',
  loadMore: 'تحميل المزيد من التعليقات',
  loadingMore: 'جارٍ تحميل المزيد من التعليقات…',
  reply: 'رد',
  replyTo: (name) => `رد على ${name}`,
  inReplyTo: (name) => `ردًّا على ${name}`,
  pending: 'بانتظار المراجعة',
  showMore: 'عرض المزيد',
  newCommentForm: 'كتابة تعليق',
  commentLabel: 'تعليقك',
  nameLabel: 'الاسم',
  emailLabel: 'البريد الإلكتروني (لن يُعرض أبدًا)',
  urlLabel: 'الموقع الإلكتروني',
  required: 'مطلوب',
  fieldMissing: {
    name: 'يُرجى إدخال اسمك.',
    email: 'يُرجى إدخال عنوان بريدك الإلكتروني. لن يُعرض أبدًا.',
    url: 'يُرجى إدخال عنوان موقعك الإلكتروني.',
  },
  notifyReplies: 'أبلغني بالردود عبر البريد الإلكتروني',
  emailInvalid: 'لا يبدو هذا عنوان بريد إلكتروني صحيحًا (name@example.com).',
  urlInvalid: 'يبدأ عنوان الموقع الإلكتروني بـ http://\u200e أو https://\u200e.',
  postComment: 'نشر التعليق',
  postReply: 'نشر الرد',
  cancel: 'إلغاء',
  posting: 'جارٍ النشر…',
  posted: 'تم نشر التعليق',
  postedPending: 'تعليقك بانتظار المراجعة',
  emptyBody: 'يُرجى كتابة تعليقك قبل النشر.',
  tooLong: (max) =>
    `يتجاوز تعليقك الحد المسموح به (${plural(L, max, { one: 'حرف واحد', two: 'حرفان', few: '# أحرف', many: '# حرفًا', other: '# حرف' })}). يُرجى اختصاره.`,
  charactersLeft: (n) =>
    n >= 0
      ? plural(L, n, {
          zero: 'لم يتبقَّ أي حرف',
          one: 'يتبقى حرف واحد',
          two: 'يتبقى حرفان',
          few: 'يتبقى # أحرف',
          many: 'يتبقى # حرفًا',
          other: 'يتبقى # حرف',
        })
      : plural(L, -n, { one: 'حرف واحد زائد', two: 'حرفان زائدان', few: '# أحرف زائدة', many: '# حرفًا زائدًا', other: '# حرف زائد' }),
  postFailed: (reason) => `لم يُنشر تعليقك: ${reason} نصّك محفوظ؛ يُرجى المحاولة مرة أخرى.`,
  timeout: 'لم يستجب خادم التعليقات في الوقت المحدد.',
  offline: 'لا يوجد اتصال بالإنترنت.',
  unknownError: 'حدث خطأ ما.',
  unreachable: 'تعذّر الوصول إلى خادم التعليقات.',
  tooFast: 'يجري النشر بسرعة كبيرة. يُرجى الانتظار قليلًا.',
  rateLimited: 'نُشر عدد كبير جدًا من التعليقات من اتصالك. يُرجى الانتظار بضع دقائق.',
  duplicate: 'سبق أن نُشر هذا التعليق.',
  emailRequired: 'يطلب هذا الموقع عنوان بريدك الإلكتروني.',
  nameRequired: 'يطلب هذا الموقع اسمك.',
  tooManyReplies: 'لا يمكن إضافة المزيد من الردود على هذا التعليق.',
  deleted: 'تم حذف التعليق',
  replyDraft: 'رد (المسودة محفوظة)',
  replyToDraft: (name) => `رد على ${name} (المسودة محفوظة)`,
  copyLink: 'نسخ الرابط',
  copyLinkTo: (name) => `نسخ الرابط لتعليق ${name}`,
  linkCopied: 'تم نسخ الرابط',
  linkField: 'رابط هذا التعليق',
  notFound: 'التعليق المشار إليه في الرابط لم يعد موجودًا في هذه المناقشة.',
  hideReplies: 'إخفاء الردود',
  showReplies: (n) => plural(L, n, { one: 'عرض رد واحد', two: 'عرض ردّين', few: 'عرض # ردود', many: 'عرض # ردًّا', other: 'عرض # رد' }),
  hideRepliesTo: (name) => `إخفاء الردود على ${name}`,
  showRepliesTo: (n, name) =>
    plural(
      L,
      n,
      {
        one: 'عرض رد واحد على {name}',
        two: 'عرض ردّين على {name}',
        few: 'عرض # ردود على {name}',
        many: 'عرض # ردًّا على {name}',
        other: 'عرض # رد على {name}',
      },
      name,
    ),
  moreReplies: (n) =>
    plural(L, n, { one: 'عرض رد آخر', two: 'عرض ردّين آخرين', few: 'عرض # ردود أخرى', many: 'عرض # ردًّا آخر', other: 'عرض # رد آخر' }),
  sortLabel: 'ترتيب التعليقات',
  oldestFirst: 'الأقدم أولًا',
  newestFirst: 'الأحدث أولًا',
  showComments: 'عرض التعليقات',
  draftRestored: 'تمت استعادة المسودة',
  draftsOff: 'لا يمكن حفظ المسودات في هذا المتصفح حاليًا: يُرجى إبقاء علامة التبويب هذه مفتوحة حتى نشر التعليق.',
  confirmClose: 'الضغط على Esc مرة أخرى يغلق هذا الرد، وتبقى المسودة محفوظة.',
  edit: 'تعديل',
  editComment: (excerpt) => `تعديل تعليقك «${excerpt}»`,
  delete: 'حذف',
  deleteComment: (excerpt) => `حذف تعليقك «${excerpt}»`,
  editForm: 'تعديل تعليقك',
  save: 'حفظ',
  saving: 'جارٍ الحفظ…',
  edited: 'تم تحديث التعليق',
  editedMark: 'معدّل',
  editFailed: (reason) => `لم يُعدَّل تعليقك: ${reason} نصّك محفوظ؛ يُرجى المحاولة مرة أخرى.`,
  deleteQuestion: 'هل تريد حذف هذا التعليق؟ لا يمكن التراجع عن ذلك.',
  deleteConfirm: 'نعم، احذفه',
  deleteFailed: (reason) => `لم يُحذف تعليقك: ${reason}`,
  editWindowClosed: 'انتهت المدة المتاحة لتعديل هذا التعليق.',
  notYours: 'لا يمكن تعديل هذا التعليق إلا من المتصفح الذي نُشر منه.',
  anonymous: 'مجهول',
  markdownSwitch: 'Markdown: كتابة أو معاينة',
  markdownWrite: 'كتابة',
  markdownPreview: 'معاينة',
  markdownEmpty: 'لا يوجد شيء لمعاينته بعد.',
};

export default ar;
