/**
 * Phrases the classifier's rules look for in normalised text (blind sets 9–24): what a bag of words cannot see
 * (word order, a negation, a place named). Each is used by a rule of `classifier.ts` or of the dialogue
 * (`src/runtime/step.ts`, `follow-up.ts`), which says when it applies; kept here so the rules read as rules.
 */
/** Which permits a business needs ("ijin apa aja yg diperluin", "perlu izin apa", "izinnya apa saja"). */
export const PERMITS_NEEDED = /\b(?:izin|ijin|perizinan)\w*(?: nya)? apa(?: saja)?\b|\b(?:perlu|butuh|harus (?:punya|urus)) (?:izin|ijin)\w* apa\b|\b(?:izin|ijin)\w* (?:yang )?(?:diperlukan|diperluin|dibutuhkan|harus diurus|wajib)\b|\bwhat (?:permits?|licen[cs]es?) do i need\b/;
/** A message that ends by taking leave ("gk jd deh ntar aja, bye"). */
export const BYE_AT_END = /\b(?:bye|bye bye|byee+|dadah|dada|daah|sampai jumpa|see you|see ya|rahayu)$/;
/** Whether one must come in ("hrs dtg ke kantor gak", "perlu ke kantor ga"): the face-to-face state. */
export const MUST_COME_IN = /\b(?:harus|perlu|wajib|mesti|must i|do i have to)\s+(?:datang|dateng|ke kantor|ke loket|come)\b/;
/** Asking to be put on the announcements ("daftarin sy ke info pengumuman ya"). */
export const PUT_ON_THE_LIST = /\b(?:daftarkan|daftarin|didaftarkan|didaftarin|masukkan|masukin|dimasukkan|dimasukin|tambahkan|tambahin|ikutkan|ikut)\b.{0,25}\b(?:info\w*|pengumuman|kabar|update|berita|notif\w*)\b/;
/** Another business's list ("daftarin sy ke promo gopay"): not the office's announcements. */
export const OTHER_BUSINESS_LIST = /\b(?:promo\w*|diskon|cashback|voucher|member\w*|grup|group|gopay|ovo|dana|shopee|tokopedia|bank)\b/;
/** The office's own website or WhatsApp asked for ("webnya apa", "gak ada no wa langsung?"). */
export const WEB_OR_WA_ASKED = /^(?:\S+ ){0,3}(?:web|webnya|website|websitenya|situs|situsnya|no whatsapp|nomor whatsapp|whatsappnya|no wa|nomor wa)\b/;
/** Arguing that the office could open with a health protocol: its reason is the answer. */
export const WITH_A_PROTOCOL = /\b(?:protokol kesehatan|prokes|pakai masker|jaga jarak)\b/;
/** The official letter of the closure asked for ("surat edaran resmi", "sk penutupan"). */
export const OFFICIAL_NOTICE = /\b(?:surat edaran|edaran resmi|pengumuman resmi|sumber resmi|sk penutupan|surat resmi|official (?:notice|letter|announcement))\b/;
/** An account of the online registration lost ("lupa email yg dipake daftar", "pw nya lupa"). */
export const ACCOUNT_TROUBLE = /\blupa (?:email|password|pw|sandi|kata sandi|akun|username)\b|\b(?:email|password|pw|sandi|akun)\w* (?:\S+ ){0,3}(?:lupa|hilang|tidak aktif|diblokir|terblokir)\b/;

/** Documents sent in from afar ("bisa mengirim berkas online?"). */
export const FROM_AFAR = /\b(?:mengirim|kirim|dikirim|upload|unggah|diunggah)\w* (?:\S+ )?(?:berkas|dokumen|persyaratan)\w*(?: \S+)? (?:online|daring|lewat email|via email)\b/;

/** Another service's account ("lupa password facebook", "akun instagram"): not the OSS one. */
export const OTHER_ACCOUNT = /\b(?:instagram|ig|facebook|fb|tiktok|twitter|whatsapp|gmail|yahoo|bank\w*|m banking|mbanking|shopee|tokopedia|lazada|gojek|grab|dana|ovo|gopay|netflix|spotify|game|steam|icloud|apple|google)\b/;
/** Another business's matter to complain of ("mau lapor driver ugal2an", "mau komplain paket blm sampe"). */
export const OTHER_MATTER = /\b(?:driver|drivernya|kurir|kurirnya|ojol|ojek|paket|paketnya|saldo|pulsa|sinyal|kuota|tagihan|listrik|pdam|pln|token|atm|rekening saya|transfer saya|pesanan|orderan|barang)\b/;

/** Through OSS ("lewat OSS", "via oss", "di oss aja"). */
export const THROUGH_OSS = /\b(?:lewat|via|melalui|pakai|di|ke|through) oss\b/;
/** A visit on a named day ("Jumat sore bisa datang?", "sabtu buka ga"). */
export const VISIT_ON_A_DAY = /\b(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b(?: (?:pagi|siang|sore|malam))? (?:bisa |boleh )?(?:datang|dateng|ke kantor|buka)\b/;

/** Not the bot, a person ("gak mau sama robot", "bukan bot", "orang beneran"). */
export const NOT_A_ROBOT = /\b(?:tidak mau|gak mau|ga mau|nggak mau|bukan|jangan) (?:sama |dengan |ngobrol sama )?(?:robot|bot|mesin)\b|\b(?:orang|manusia) (?:beneran|asli|sungguhan|nyata)\b/;
/** Asking staff to check ("mau dibantu dicek oleh petugas saja"). */
export const CHECKED_BY_STAFF = /\b(?:dicek|dicekin|dibantu|diperiksa|dibantu cek)\b.{0,15}\b(?:(?:oleh|sama|sm|dengan) )?(?:petugas|pegawai|staf|admin)\w*\b|\b(?:bantu|membantu|dibantu)\b.{0,15}\b(?:lewat chat|via chat|di chat|lewat sini|lewat wa)\b/;
/** Staff away ("pegawainya pada libur semua", "petugasnya wfh ya?"). */
export const STAFF_AWAY = /\b(?:pegawai|petugas|staf|staff|karyawan)\w*\b.{0,20}\b(?:libur|cuti|wfh|kerja dari rumah|tidak masuk|gak masuk|ga masuk|pada kemana|kemana semua)\b/;
/** Asking not to be sent the announcements ("jgn kirimin pengumuman lg"). */
export const DONT_SEND = /\b(?:jangan|tidak usah|gak usah|ga usah|nggak usah)\s+(?:di)?(?:kirim\w*|kabar\w*|spam)\b.{0,25}\b(?:pengumuman|info\w*|pesan|notif\w*|broadcast|lagi)\b/;
/** Consultation in this chat ("konsultasi lewat chat ini bisa?"). */
export const CONSULT_IN_CHAT = /\b(?:konsultasi|konsul|tanya)\w*\b.{0,15}\b(?:lewat chat|via chat|di chat|lewat sini|di sini|chat ini|lewat wa|via wa|online)\b/;
/** A message that ends by thanking, or by an acknowledgement. */
export const THANKS_AT_END = /\b(?:terima kasih|makasih|thanks|thank you|suksma|nuhun|jazakallah\w*)(?: (?:ya|yah|kak|min|admin|pak|bu|banyak|bos|gan|bro|sis|mas|mbak|bli|khairan))*$/;
export const ACK_AT_END = /\b(?:ok|oke|okay|okey|siap|sip|baik)(?: (?:deh|dah|ya|kak|min|pak|bu|bapak|ibu))*$/;

/** Whether the office is open, asked before coming in. */
export const OPEN_BEFORE_COMING = /\b(?:kantor\w*|loket\w*)\b.{0,10}\b(?:buka|dibuka|tutup)\b.{0,30}\b(?:mau|akan|ingin) (?:datang|dateng|ke sana|ke kantor)\b/;
/** Subscribing said outright ("berlangganan informasi", "mau langganan info"). */
export const SUBSCRIBE_SAID = /^(?:(?:saya|sy|aku) )?(?:mau |ingin |minta )?(?:berlangganan|langganan|subscribe)\b(?: (?:info\w*|pengumuman|kabar|berita|update))?(?: (?:ya|dong|kak|min))*$/;
/** A salutation of the office alone ("hallo dpmptsp tabanan", "halo admin dinas"). */
export const GREETING_OF_THE_OFFICE = /^(?:hallo|halo|hai|hi|hello|pagi|siang|sore|malam|selamat (?:pagi|siang|sore|malam)|om swastiastu)(?: (?:dpmptsp|ptsp|dinas|tabanan|kabupaten|kab|admin|min|kak|pak|bu|bli|perizinan))+$/;
/** "siap laksanakan", "siap 86", "oke siap": ready, an acknowledgement. */
export const READY_ACK = /^(?:oke |ok |baik )?(?:siap|siapp+)(?: (?:laksanakan|86|pak|bu|kak|min|bos|ndan|komandan|deh))*$/;
/** The hours named ("jam kerja", "jam buka", "jam layanan"). */
export const HOURS_NAMED = /\bjam (?:kerja|buka|layanan|pelayanan|operasional|kantor)(?:nya)?\b/;
/** Places whose hours are not the office's ("jam buka tanah lot", "pasar"). */
export const SOMEWHERE_ELSE = /\b(?:tanah lot|pantai|pura|objek wisata|museum|mall|pasar|bank|rumah sakit|puskesmas|sekolah)\b/;
/** A person wanted in so many words ("sy mau ngomong sm petugasnya aja"). */
export const PERSON_WANTED = /\b(?:mau|ingin|pengen|minta|bisa)(?: saya| sy| aku)? (?:ngomong|bicara|ngobrol|tanya|nanya|bertanya|konsultasi)\w*(?:-\w+)? (?:langsung )?(?:sama|sm|dengan|dgn|ke|kepada) (?:petugas|pegawai|staf|staff|orang|admin|manusia)\w*/;
/** A mistap ("gpp salah pencet", "kepencet"). */
export const MISTAPPED = /\b(?:salah pencet|kepencet|salah tekan|salah chat|salah kamar|salah nomor|salah kirim)\b/;
/** Taking this office for another ("oh iya ya ini bukan PLN", "kirain semua di satu pintu", "sy kira ini kantor pajak"). */
export const MISTOOK_US = /^(?:(?:oh|owh|ohh|lah|lho|loh|wah|eh|ya|iya|ya ampun)\s+)*(?:iya ya |ya )?(?:ini bukan|bukan di ?sini|kirain|kirain|dikira|saya kira|aku kira|sy kira)\b/;
/** "kalau saya datang besok …": coming in. */
export const IF_I_COME = /\b(?:kalau|kalo|klo|jika|bila|kl) (?:saya |sy |aku )?(?:datang|dateng|ke kantor|ke loket)\b/;
/** The closing or opening time asked ("tutup jam brp?", "jam berapa tutupnya"). */
export const CLOSING_TIME = /\b(?:tutup|tutupnya|buka|bukanya) (?:jam|pukul) (?:berapa|brp)\b|\b(?:jam|pukul) (?:berapa|brp) (?:tutup|tutupnya|buka|bukanya)\b/;
/** A number to call or write ("ada nomor yg bisa dihubungi?", "no wa yg bisa ditelp"). */
export const NUMBER_TO_CALL = /\b(?:nomor|nomer|no|kontak)\w*\b.{0,25}\b(?:dihubungi|ditelp\w*|ditelepon|ditelpon|dichat|di ?wa|hubungi|call center)\b/;
/** Where the official news is ("info resminya dmn", "pengumuman resminya bisa dicek dimana"). */
export const OFFICIAL_INFO_WHERE = /\b(?:info\w*|informasi\w*|pengumuman\w*|berita\w*) resmi\w*\b.{0,25}\b(?:dimana|di mana|dmn|mana|dicek|cek|lihat|liat|dilihat|diliat)\b/;
/** Online still running ("yg online tetep jalan kan?"). */
export const ONLINE_STILL = /\b(?:online|daring)\w*\b.{0,15}\b(?:tetap|tetep|masih)\b.{0,10}\b(?:jalan|berjalan|bisa|buka|diproses)\b/;
/** "kasih aja nomornya", "minta nomor kantornya": a number to reach the office. */
export const GIVE_THE_NUMBER = /\b(?:kasih|kasi|bagi|minta)\w* (?:aja |saja |dong )?(?:no|nomor|nomer|kontak)\w*\b/;
/** A ticket named ("tiket", "ADU-…", "aduan"): a number asked about it is its status. */
export const TICKET_NAMED = /\b(?:tiket\w*|ticket|adu-\w+|aduan\w*|pengaduan\w*|laporan\w*|kon-\w+)\b/;
/** Unsubscribing said outright ("batalin langganan", "stop langganannya"). */
export const UNSUBSCRIBE_SAID = /^(?:(?:tolong|mohon|min|kak) )*(?:batal\w*|berhenti|stop|hentikan|cancel|hapus)\s+(?:langganan\w*|berlangganan|subscribe\w*|pengumuman\w*|notif\w*)(?: (?:saya|sy|ya|aja|saja|dong|min|kak))*$/;
/** "woy ada org ga sih", "ada yang jaga?": is anyone there. */
export const ANYONE_THERE = /^(?:(?:woy|woi|halo|hai|min|permisi|p) )*(?:ada (?:orang|org|yang jaga|yg jaga|admin|yang bales|yang balas|yg bales|manusia))(?: (?:tidak|gak|ga|nggak|sih|kah|ya|nih|disini|di sini))*$/;
/** "ya udh sy tunggu kabar aja", "ya sudah nanti sy cek lg": resigned, with what comes next. */
export const RESIGNED_WITH_PLAN = /^(?:ya ?udh|ya sudah|yaudah|yowes|ok|oke|baik|iya)\b.{0,40}\b(?:tunggu|nanti|cek|coba|pantau)\b/;
/** "tolong dicatat", "mohon dicatat": a matter to record, a complaint. */
export const RECORD_THIS = /^(?:(?:tolong|mohon|minta) )?(?:dicatat|dicatet|dicatatkan|catat|catet)\b/;
/** "mau lapor", "sy lapor lewat sini aja": a complaint wanted, said in a short message. */
export const COMPLAIN_HERE = /\b(?:mau|ingin|pengen|pengin|arep|harap|saya|aku) (?:lapor|melapor|mengadu|ngadu|komplain|complain)\b/;
/** A number looked up and not found. */
export const NUMBER_NOT_FOUND = /\b(?:tidak|gak|ga|nggak|belum) (?:ketemu|ditemukan|terdaftar|terbaca|muncul)\b.{0,40}\bnomor\w*|\bnomor\w*\b.{0,30}\b(?:tidak|gak|ga|nggak) (?:ketemu|ditemukan|terdaftar|terbaca|muncul)\b/;
/** Which services are closed ("pelayanan apa aja yg tutup"). */
export const WHICH_CLOSED = /\b(?:apa saja|mana saja|apa)\b.{0,20}\b(?:yang )?(?:tutup|ditutup|closed)\b|\bwhich (?:services? )?(?:are )?closed\b/;
/** "yaudh lah", "yowes", "ywdh deh". */
export const RESIGNED_SHORT = /^(?:(?:ya ampun|aduh|yah|oh|duh|waduh) )?(?:yaudh|yaudah|yowes|yowis|ywd|yasudah|ya udh|y udh|ya udah|y udah)(?: (?:lah|deh|dah|ya|kak|min|bu|pak))*$/;
/** Thanks first ("terima kasih banyak bu, nanti saya coba"). */
export const THANKS_FIRST = /^(?:terima kasih|makasih|thanks|thank you|suksma|matur suksma|nuhun|hatur nuhun|matur nuhun)\b/;
/** "boleh nanya2?", "bisa tanya?": asking to ask. */
export const MAY_I_ASK = /\b(?:boleh|bisa|mau|izin) (?:nanya|tanya|bertanya|metakon|matakon|takon)(?: ?2|-tanya| tanya| dong| ya| kak| min| tidak| gak| ga| nggak| kah| iya| nggih)*$/;
/** No number to call ("gak ada nomornya langsung?", "tidak ada nomor telepon?"). */
export const NO_NUMBER = /\b(?:tidak|gak|ga|nggak) ada (?:nomor|nomer|no)\w*\b.{0,25}\b(?:langsung|telepon|telpon|hp|whatsapp|wa|fb|facebook|hubungi|kantor)\b/;
/** A message of address words only ("min", "kak", "p", "permisi pak"; "ijin nanya kak" once its polite opener is gone): a hello. */
export const ADDRESS_ONLY = /^(?:(?:kak|kakak|admin|min|pak|bapak|bu|ibu|bli|mbok|gan|sis|mas|mbak|bos|p|ping|permisi|punten|tabik|halo|hai)\s*)+$/;
/** An address word as typed (raw text). */
export const ADDRESS_TYPED = /\b(?:kak\w*|min|mimin|admin|pak|bapak|bu|ibu|bli|mbok|gan|sis|mas|mbak|bos|p|ping|permisi|punten|tabik|halo|hai)\b/i;
/** "do you speak english?", "bisa pakai bahasa inggris?": which language the bot speaks, a hello. */
export const SPEAKS_ENGLISH = /\b(?:do|can|could) you (?:speak|understand|use) (?:english|bahasa inggris)\b|\b(?:bisa|boleh) (?:pakai|pake|berbahasa|bahasa) (?:bahasa )?inggris\b/;
/** "yaudah itu aja, dah": that is all, a farewell. */
export const THAT_IS_ALL = /^(?:(?:ya sudah|yaudah|oke|ok|baik|sudah) )?itu (?:saja|aja)(?: (?:sudah|dulu|ya|kak|min|pak|bu|terima kasih|makasih|deh))*$/;
/** "ooo gitu", "oh begitu ya": taken in. */
export const SO_THAT_IS_IT = /^(?:o|oh|oo+|ohh+) (?:begitu|gitu|gt|gtu)(?: (?:ya|yah|kak|min|pak|bu|toh|deh))*$/;
/** "lah trs ini apa", "ini bot apa sih": what this chat is, the menu. */
export const WHAT_IS_THIS = /^(?:(?:lah|lho|loh|terus|jadi|ya|oh|eh) )*ini (?:apa|apaan|bot apa|layanan apa|chat apa)(?: (?:sih|ya|kak|min|dong))*$/;
/** The call center asked for ("ada call center gk", "hotline nya brp"). */
export const CALL_CENTER_ASKED = /\b(?:call ?center\w*|callcenter|hotline\w*)\b/;
/** A rumour of the office open again asked about ("katanya udh buka lg senin, bener?"): when it reopens. */
export const REOPENING_RUMOUR = /\b(?:tanggal|tgl) \d{1,2}\b.{0,20}\b(?:sudah|udah|mau|akan|bakal) (?:buka|dibuka)\b|\b(?:sudah|mau|akan|bakal) (?:buka|dibuka) (?:lagi|kembali)\b|\b(?:buka|dibuka) (?:kembali|lagi) (?:tanggal|tgl|mulai|per|hari|senin|selasa|rabu|kamis|jumat|besok|minggu depan|bulan depan)\b/;
/** How a permit is done while the office is closed ("perpanjangnya gmn kalo kantor tutup", "how do I apply while your office is closed"). */
export const HOW_WHILE_CLOSED = /\b(?:bagaimana|caranya|bisa diurus|how (?:do|can|should) i|ngurusnya|urusnya)\b.{0,40}\b(?:kalau|pas|selama|saat|while|sementara)\b.{0,20}\b(?:tutup|ditutup|closed)\b|\b\w+nya bagaimana kalau (?:kantor )?(?:tutup|ditutup)\b/;
/** Coming to the office anyway, asked in passing ("tiang ke kantor saja nggih besok?", "dados ke kantor langsung nggih?"). */
export const COME_ANYWAY = /\bbisa (?:datang )?ke kantor (?:tidak|gak|nggak|ga)\b|\b(?:bisa|boleh|dapat) (?:datang|dateng) (?:langsung )?ke ?kantor\w*|\b(?:dibantu|dilayani|diurus) di kantor (?:saja|aja)\b|\b(?:saya |aku )?(?:bisa |boleh )?(?:ke kantor|datang ke kantor|datang langsung)(?: (?:saja|langsung))+\b|\bbisa ke kantor langsung\b/;
/** A question first asking why it is closed ("kenapa ditutupnya kak? biar …"). */
export const WHY_CLOSED_FIRST = /^(?:(?:tapi|terus|jadi|oh|kak|min) )*(?:kenapa|mengapa) (?:kok )?(?:di)?tutup\w*/;
/** An application already sent to be withdrawn ("mau batalin permohonan yg udh dikirim"): staff's to do. */
export const WITHDRAW_APPLICATION = /\b(?:batal\w*|membatalkan|tarik|menarik|cabut|mencabut)\b.{0,20}\b(?:permohonan|pengajuan|berkas)\w*\b/;
/** A message that starts by asking for a person ("konsultasi: …", "konsultasi dong, …"). */
export const CONSULTATION_HEADED = /^\s*\/?(?:konsultasi|consultation)(?: (?:dong|ya|min|kak|pak|bu))*\s*[:,]/i;
/** Following up a complaint in English ("how can I follow up on it?", "track my complaint"). */
export const FOLLOW_IT_UP = /\bfollow(?:ing)? (?:it )?up\b.{0,20}\b(?:it|complaint|report|ticket)\b|\btrack (?:it|my (?:complaint|report|ticket))\b/;
/** A problem told with wanting to report it ("pengajuan izin sy dipersulit", "petugasnya judes"). */
export const PROBLEM_TOLD = /\b(?:(?:tidak|gak|ga|ora) (?:bisa|iso) (?:dibuka|diakses|dipakai)|error|eror|down|dipersulit|dipersusah|dipingpong|dilempar|ditolak|dipungut|pungli|kasar|judes|ketus|dibentak|diabaikan|dicuekin)\b/;
/** "lho ini bukan telkomsel ya", "ini bukan kantor desa?": whether this chat is another place's (never "bukan di sini", taken in). */
export const THIS_IS_NOT = /^(?:(?:lho|loh|lah|oh|eh|wah|jadi|lo) )*ini bukan (?!di ?sini|tempatnya)(?:\w+ ){0,2}\w+(?: (?:ya|kah|toh|sih))?$/;
/** A letter's question announced ("mohon penjelasan", "ingin menanyakan", "perkenalkan, saya …"). */
export const QUESTION_INTRODUCED = /\b(?:perkenalkan|mohon penjelasan\w*|mohon informasi\w*|mohon info|ingin menanyakan|mau menanyakan|izin bertanya|hendak bertanya)\b/;
/** Still possible now ("masih bisa gak ya skrg?", "bisa tidak sekarang"). */
export const STILL_POSSIBLE = /\b(?:masih|tetap|tetep) (?:bisa|dapat)\b|\bbisa (?:tidak|gak|nggak) (?:ya )?sekarang\b/;
/** Subscribing again ("langganan lagi deh", "subscribe again"). */
export const SUBSCRIBE_AGAIN = /\b(?:langganan|berlangganan) (?:lagi|kembali|ulang)\b|\bsubscribe (?:again|lagi)\b/;
/** In person or online asked ("apply offline? or harus online?", "tatap muka atau online?"). */
export const IN_PERSON_OR_ONLINE = /\b(?:offline|tatap muka|datang langsung|in person|datang ke kantor|ke kantor)\b.{0,30}\b(?:atau|or)\b.{0,15}\bonline\b/;
/** In this chat (a consultation here, not at the counter). */
export const IN_THIS_CHAT_WORD = /\b(?:chat|online|daring|wa|whatsapp|telegram|sini)\b/;
/** A permit or application number alone (raw text: "503/0215/PBG/DPMPTSP/2020", "SW/2020/088"). */
export const PERMIT_NUMBER_ONLY = /^\s*(?=[^\s]*\d)[A-Za-z0-9.-]+(?:\/[A-Za-z0-9.-]+){2,}\s*$/;
/** Another trade's consultation ("konsultasi dokter online", "konsultasi hukum"): not the office's. */
export const OTHER_CONSULTATION = /\bkonsultasi (?:dokter|kesehatan|medis|hukum|psikolog\w*|gizi|kehamilan|kecantikan|skincare|asuransi)\b/;
/** What can be done online, asked ("apa saja yang bisa diurus online sekarang?"). */
// (with a verb of doing or without: "apa aja yang bisa online?")
export const WHAT_ONLINE = /\b(?:apa saja|apa|mana saja) (?:yang )?(?:bisa|dapat) (?:(?:diurus|dilakukan|diajukan|dikerjakan|dilayani) )?(?:secara )?(?:online|daring)\b/;
/** A ticket asked after in words ("mohon info tindak lanjut pengaduan saya no tiket ADU-…"). */
export const TICKET_ASKED_AFTER = /\b(?:tindak ?lanjut\w*|status\w*|progres\w*|sudah sampai mana|bagaimana|gimana|kabar\w*|sudah seminggu|belum ada)\b/;
/** Something to be done about a permit ("ngurus", "perpanjang", "bikin", "daftar", "ajukan"; "untuk IMB"). */
export const PERMIT_ACTION = /\b(?:urus\w*|mengurus|ngurus\w*|perpanjang\w*|memperpanjang|bikin\w*|buat|membuat|daftar\w*|ajukan|mengajukan|pengajuan|untuk|apply|renew|get)\b/;
/** Open yet, or what is open ("udh buka blm", "buka layanan apa aja"). */
export const OPEN_YET = /\b(?:sudah|udah) (?:buka|dibuka)(?: (?:belum|lagi|kah))?\b|\bbuka (?:layanan )?apa (?:saja|aja)\b|\blayanan apa (?:saja )?yang (?:masih )?buka\b/;
/** Filled in or sent online, asked ("bisa diisi online semua?", "masih harus online?"). */
export const FILLED_ONLINE = /\b(?:diisi|isi|dikirim|kirim|diajukan|diurus) (?:secara )?online\b|\b(?:masih )?harus online\b/;
/** Being told when the office reopens ("can I get notified when the office reopens?", "kabari kalau sudah buka"). */
export const NOTIFY_WHEN_OPEN = /\b(?:notify|notified|let me know|kabari|kabarin|dikabari|dikabarin|infokan|diinfokan|diinfoin)\b.{0,30}\b(?:reopen\w*|opens?|buka|dibuka)\b|\b(?:sudah|udah) (?:buka|dibuka)\b.{0,15}\b(?:dikabari|dikabarin|kabari|kabarin|diinfokan|diinfoin|infokan)\b/;
/** Coming to the counter, asked in English ("can I come to the counter", "can I visit the office"). */
export const COME_TO_THE_COUNTER = /\b(?:can|could|may) (?:i|we) (?:come|go|visit|walk)\b.{0,30}\b(?:counter|office|in person)\b|\b(?:apa|apakah|apa saya|apa kami) (?:bisa|boleh) (?:datang|dateng|ke)(?: ke)? (?:kantor|loket)\b/;
/** Which permits the office issues ("izin apa aja yang bisa diurus di dpmptsp"). */
export const WHICH_PERMITS = /\b(?:izin|ijin|perizinan)\w* apa (?:saja|aja)\b.{0,20}\b(?:yang )?(?:bisa|dapat) (?:diurus|diajukan|dibuat)\b/;
/** A condition ("kalau sudah buka …", "when it opens …"): what follows is no question whether it is open now. */
export const CONDITIONAL = /\b(?:kalau|kalo|klo|kl|jika|bila|setelah|sesudah|nanti|when|once|if)\b/;

/** "dah ya", "udah ya kak": taking leave (said, not asked). */
export const SO_LONG = /^(?:sudah|udah) (?:ya|yah|yaa+)(?: (?:kak|min|pak|bu|bli|mbak|mas|gan|sis))*$/;
/** Help by telephone asked ("bisa dibantu lewat telpon?", "via telepon bisa?"): the office's contacts. */
export const BY_PHONE = /\b(?:lewat|via|melalui|pakai|pake|per) (?:telepon|telpon|telfon|phone)\b|\b(?:by|over the) phone\b/;
/** Someone who cannot go online ("kakek gak bisa internet", "sy gaptek"): why the phone is asked, no telco trouble. */
export const CANNOT_GO_ONLINE = /\b(?:tidak|belum) (?:bisa|paham|mengerti|punya|pakai) (?:internet|online|komputer|laptop)\b|\bgaptek\b|\b(?:harus|mesti|wajib) (?:pakai|pake|lewat) internet\b.{0,20}\btidak bisa\b/;
/** A service asked of the counter ("pendampingan oss di loket masih bisa?"): whether the counter serves it now. */
export const AT_THE_COUNTER_STILL = /\b(?:di|ke) (?:loket|kantor)\w*\b.{0,15}\b(?:masih|bisa|boleh|dilayani|buka)\b/;
/** Something of another business's broken ("internet saya mati", "wifi lemot"): its trouble, not the office's. */
export const OUTAGE = /\b(?:mati|lemot|putus|gangguan|error|hilang|down)\b/;
/** A catalogue permit wanted in a few words ("mau minta KRK", "mau bikin SIUP", "butuh TDUP"): its form. */
export const PERMIT_WANTED = /^(?:(?:saya|kami|aku) )?(?:mau|ingin|perlu|butuh|minta)(?: (?:minta|bikin|buat|membuat|urus|mengurus|ngurus|ajukan|mengajukan|daftar|punya|izin|ijin))*\b/;
/** Words of a person or a question for one ("petugas", "konsultasi", "tanya"): a request for staff, not a form. */
export const ASKS_FOR_STAFF = /\b(?:petugas|pegawai|staf|staff|admin|orang|konsultasi|konsul|tanya|bertanya|nanya|ngobrol|bicara)\w*\b/;
/** How long a policy lasts ("sampai kapan kebijakan ini berlaku", "aturan ini sampai kapan?"): the closure's end. */
export const POLICY_UNTIL = /\b(?:kebijakan|aturan|peraturan|penutupan|pembatasan|ppkm|lockdown)\b.{0,30}\b(?:sampai kapan|hingga kapan|berapa lama|kapan (?:berakhir|selesai|dicabut|berlaku))\b|\b(?:sampai kapan|hingga kapan|berapa lama)\b.{0,20}\b(?:kebijakan|aturan|peraturan|penutupan|pembatasan|ppkm|lockdown)\b/;
/** Subscribing decided at the end ("oh blm langganan ya. yaudah langganan deh"). */
export const SUBSCRIBE_AT_END = /\b(?:ya sudah|oke|ok|baik|boleh|kalau begitu|kalau gitu)\s+(?:saya\s+)?(?:mau\s+|ingin\s+)?(?:berlangganan|langganan|subscribe)(?:\s+(?:info\w*|pengumuman\w*))?(?:\s+(?:ya|dong|deh|aja|saja|kak|min|sekarang))*$/;
/**
 * An aside first, then the question ("lho ini bukan kurir ya? ini bisa bantu apa aja sih", "oh salah kirim, ini dinas
 * perizinan ya? jam kerjanya kapan?", "oh kirain semua di kantor ini. kalau perpanjang SIM?"): the raw text, with
 * what follows the aside captured. The aside takes the office for another or owns a mistake.
 */
export const ASIDE_FIRST = /^\s*(?:(?:oh+|owh|lho|loh|lah|eh|wah|ups|waduh|maaf|sorry)[\s,]+)*(?:ini bukan [^?.!,]{1,30}|oh+\s+(?:ini\s+|jadi\s+)?(?:kantor|dinas)\s[^?.!,]{1,30}|salah (?:kirim|chat|kamar|pencet|ketik|nomor)(?:\s+(?:wkwk\w*|haha\w*|hehe\w*|deh|kak|min))*|kepencet|kirain [^?.!]{1,40}|(?:saya|sy|aku) kira [^?.!]{1,40})[?.!,]+\s+(\S.{6,})$/i;
/** "maksudnya?", "apa maksudnya", "what do you mean?": asks what the last answer meant (no topic of its own). */
export const WHAT_DO_YOU_MEAN = /^(?:(?:terus|lalu|hah|hmm+|eh) )?(?:apa |bagaimana )?maksud(?:nya| nya)?(?: (?:apa|bagaimana|itu|ya|kak|min|pak|bu|gimana))*$|^what do you mean$/;
/** A rumour called false after the closure answer ("jadi hoax ya", "berarti bohong dong"). */
export const RUMOUR_FALSE = /^(?:(?:jadi|berarti|oh|wah|owh) )*(?:itu )?(?:hoax|hoaks|hoax\w*|bohong|tidak benar|gak bener|tidak bener|kabar palsu)(?: (?:ya|dong|kah|itu|sih|nih|deh))*$/;
/** Where to reach the office ("hubungi kemana kalau gitu?", "kontaknya kemana"): its contacts. */
export const REACH_WHERE = /\b(?:hubungi|menghubungi|dihubungi|kontak\w*|telepon|tanya)\b (?:\S+ )?(?:kemana|ke mana|dimana|di mana|siapa)\b|\b(?:bagaimana|cara)\b (?:\S+ ){0,2}(?:hubungi|menghubungi|dihubungi|kontak)\w*\b/;
/** Service at the counter asked ("bisa dibantu daftar di kantor aja gak?", "bisa daftar di kantor?"): its state. */
export const SERVED_AT_THE_COUNTER = /\b(?:bisa|boleh|masih)\b(?: \S+){0,4} (?:di|ke) (?:kantor|loket)(?:nya)?\b/;
/**
 * A writer who introduces themselves first ("Selamat pagi, saya guru SD, mau tanya …", "sy petani di Baturiti. …"):
 * the raw text, with what follows the introduction captured.
 */
export const SELF_INTRODUCED = /^\s*(?:(?:selamat (?:pagi|siang|sore|malam)|om swastiastu|halo|hai|permisi|pagi|siang|sore|malam|maaf)[\s,.!]+(?:(?:pak|bu|kak|min|bli|mbok|admin)[\s,.!]+)?)?(?:saya|sy|aku|kami|tiang)\s+(?:ini\s+)?(?:seorang\s+)?(?:guru|petani|pedagang|pemilik|mahasiswa|mahasiswi|pengusaha|warga|kepala|perbekel|kelian|bidan|perawat|dokter|notaris|arsitek|kontraktor|pensiunan|ibu rumah tangga|nelayan|peternak|sopir|karyawan|pegawai|staf|dari)\b[^,.?!]{0,50}[,.!]\s+(\S.{8,})$/i;
/** "ini kantor perijinan tabanan ya?", "benar ini dinas perizinan?": whether this is the office, a greeting's business. */
export const IS_THIS_THE_OFFICE = /^(?:(?:oh|owh|ohh|oo) )?(?:(?:selamat (?:pagi|siang|sore|malam)|halo|hai|permisi|om swastiastu|pagi|siang|sore|malam)(?: (?:nak|pak|bu|kak|min|bli|mbok|dik|mas|mbak))? )?(?:apa |apakah |benar |betul |bener )?(?:ini|disini|di sini) (?:dengan |dari )?(?:kantor|dinas|dpmptsp|ptsp)(?: \S+){0,4}?(?: (?:ya|kah|bukan|kan|nggih|to))?$/;
/** Someone come by the land or the place ("ada yg dtg ngecek ke rumah gak", "petugas yang turun ke lokasi"): the site visit. */
export const VISIT_ASKED = /\b(?:datang|dateng|turun|ke sini|kesini)\b.{0,10}\b(?:cek|ngecek|mengecek|periksa|memeriksa|survei|survey|lihat|liat|meninjau|tinjau)\w*\b.{0,15}\b(?:rumah|lokasi|tanah|tempat|usaha|toko|bangunan|lahan)\b|\b(?:petugas|orang|pegawai)\w*\b (?:\S+ ){0,2}(?:turun|turun ke lapangan|turun ke lokasi)\b/;
/** A subscriber who has had no news ("saya udh langganan kok blm dapet info apa2"): when news comes, the reopening. */
export const SUBSCRIBED_NO_NEWS = /\b(?:sudah|udah) (?:langganan|berlangganan|daftar|subscribe)\b.{0,30}\b(?:belum|tidak|gak)\b.{0,10}\b(?:dapat|dapet|terima|menerima|ada)\b/;
/** A foreigner's papers ("I don't have an Indonesian NIK, only a KITAS"): a question for staff. */
export const FOREIGNERS_PAPERS = /\b(?:kitas|kitap|wna|warga negara asing|foreigner|foreign national|expat\w*|not indonesia\w*|bukan wni|bukan orang indonesia)\b.*\b(?:nik|oss|nib|izin|permit\w*|licen[cs]e\w*|register\w*|daftar\w*)\b|\b(?:nik|oss|nib|izin|permit\w*|licen[cs]e\w*|register\w*|daftar\w*)\b.*\b(?:kitas|kitap|wna|warga negara asing|foreigner|foreign national|expat\w*|not indonesia\w*|bukan wni|bukan orang indonesia)\b/;
/** One of the closure's own reasons named and asked about ("emang ada hubungannya sama galungan?"); COVID alone is
 * every business's word ("allianz cover rawat inap karena covid ga?"). */
export const REASON_NAMED = /\b(?:galungan|kuningan|zona merah)\b/;
/** "buka gk hr ini", "kantor tutup ga besok": whether it is open on a day. */
export const OPEN_ON_A_DAY = /^(?:(?:kantor|kantornya|dpmptsp|loket|loketnya) )?(?:buka|dibuka|tutup)(?: (?:tidak|kah|ya|nggak))? (?:hari ini|sekarang|besok|lusa)(?: (?:tidak|ya|kah|kak|min|pak|bu))*$/;
/** "tp skrg tutup kan?": the closure checked. */
export const CLOSED_NOW = /^(?:(?:tapi|jadi|berarti|oh|terus|lalu) )*(?:sekarang |kantor |kantornya |masih )*(?:tutup|ditutup|libur)(?: (?:kan|ya|kah|bukan|semua|total|sekarang))*$/;
/** What an announcement of the closure said ("pengumuman terakhir soal penutupan layanan itu isinya apa?"). */
export const ANNOUNCEMENT_SAID = /\b(?:pengumuman|edaran)\w*\b.{0,40}\b(?:penutupan|tutup|ditutup|layanan)\b.{0,30}\b(?:isinya|isi|bunyinya|apa)\b/;
/** What the office does, asked of it ("trus disini ngurus apa aja?", "kantor ini melayani apa saja"). */
export const WHAT_IS_DONE_HERE = /\b(?:di ?sini|kantor ini|dinas ini|dpmptsp|bot ini|bot nya|botnya|kamu|anda)\b.{0,15}\b(?:ngurus|urus|mengurus|melayani|layani|bisa|ada)\b.{0,10}\bapa (?:aja|saja)\b|\b(?:mau|ingin) (?:tanya|bertanya|nanya)\S* (?:tapi|tetapi|cuma) (?:tidak|belum|gak) (?:tahu|tau|paham) (?:caranya|bagaimana)\b/;
/** A complaint asked for in two words ("pengaduan dong. …", "lapor dong min"). */
export const COMPLAINT_ASKED_FOR = /^(?:mau |ingin )?(?:pengaduan|lapor|komplain|aduan|mengadu)(?: (?:dong|donk|nih|ya|min|kak|pak|bu|admin))+\b/;
/** A greeting and who is writing, nothing asked ("Om swastiastu, tiang Komang, punya warung makan di Kediri"). */
export const GREETING_AND_NAME = /^(?:om swastiastu|selamat (?:pagi|siang|sore|malam)|halo|hai|permisi|pagi|siang|sore|malam|assalamualaikum)\b(?: (?:pak|bu|kak|min|bli|mbok|admin|nak))? (?:saya|tiang|aku|kami|nama saya) (?!sudah|tidak|mau|ingin|minta|mohon|belum|lagi|perlu|butuh)\p{L}+(?: (?:dari|punya|pemilik|di|warga|tinggal|asal|pedagang|petani)\b(?: \S+){0,6})?$/u;
/** Whether a permit can be done online ("SIP bidan niku saged online?", "izin reklame bisa online ga"). */
export const ONLINE_POSSIBLE = /\b(?:bisa|boleh|dapat)\b(?: \S+){0,2} (?:online|daring)\b|\b(?:online|daring)\b (?:bisa|boleh)\b/;
/** Complaining here said first, the matter after ("yaudah lewat sini aja, mau lapor. website sering down …"). */
export const COMPLAIN_HERE_FIRST = /^(?:(?:ya sudah|oke|ok|baik|kalau begitu) )?(?:lewat sini|di sini|disini)(?: (?:saja|aja))?\s*(?:saya |aku )?(?:mau|ingin) (?:lapor|melapor|mengadu|ngadu|komplain)\b/;
/** A broker said to be needed ("katanya sekarang ngurus izin harus lewat calo …, bener?"): a rumour, online is the answer. */
export const BROKER_NEEDED = /\b(?:harus|wajib|mesti|perlu|hanya bisa) (?:lewat|pakai|pake|melalui|via) calo\b/;
/** "hah? ndak ngerti saya", "saya kurang paham": the last answer not understood (no topic of its own). */
export const NOT_UNDERSTOOD_BY_THEM = /^(?:(?:hah|ha|apa|hmm+|aduh|wah|maaf) )*(?:saya |aku |bapak |ibu )?(?:tidak|belum|kurang|masih tidak|masih belum) (?:mengerti|paham|ngerti)(?: (?:saya|aku|maksudnya|nak|kak|min|pak|bu|juga))*$/;
/** Complaining again ("kok belum ada tanggapan, saya mau lapor lagi"). */
export const COMPLAIN_AGAIN = /\b(?:mau|ingin|akan|saya|aku) (?:lapor|melapor|mengadu|komplain) (?:lagi|ulang)\b/;
/** The closure put down to a cause in a rumour ("… positif covid makanya kantor tutup?"): its reason. */
export const REASON_RUMOURED = /\b(?:makanya|itu sebabnya|penyebab\w*|gara-gara)\b.{0,25}\b(?:tutup|ditutup|ditiadakan)\b/;
/** How to stop the announcements ("gmn cara berhentinya?" of "pengumuman dr nomor ini"): leaving them. */
export const HOW_TO_STOP = /\b(?:cara|bagaimana)\b.{0,12}\b(?:berhenti\w*|stop\w*|unsubscribe|keluar)\b/;
/** A person to help in so many words ("ada yg bisa bantu langsung gak"): the consultation desk. */
export const SOMEONE_TO_HELP = /\bada (?:yang|orang|petugas) (?:yang )?(?:bisa |dapat )?(?:bantu|membantu|dibantu)\b/;
/** Who is writing back ("halo ini siapa ya", "who is this?"): a greeting says. */
export const WHO_IS_THIS = /\b(?:ini siapa|siapa ini|ini dengan siapa|who is this|who are you)\b/;
/** A greeting shouted ("woy min", "oi admin"). */
export const HEY_YOU = /^(?:woy+|woi+|oi+|oy+|hoi+|hey+)(?: (?:min|admin|kak|bro|gan|sis|bos))*$/;
/** Resigned, nothing more ("hmm ya udah deh", "yaudah deh"). */
export const RESIGNED_ALONE = /^(?:(?:hmm+|oh|yah|aduh|ok|oke) )*(?:ya sudah|yasudah|ya udah)(?: (?:deh|dah|lah|kalau begitu|kak|min))*$/;
/** A last sentence asking whether the office is open ("… mau daftar TDUP. Kantornya buka?", "… Is your office open at the moment?"): raw text. */
export const OPEN_ASKED_LAST = /(?:^|[.!?]\s+)(?:(?:dan|terus|trus|tapi|apakah|apa|so|and|but)\s+)?(?:is\s+)?(?:your\s+|the\s+)?(?:kantor\w*|office|loket\w*|dpmptsp)\s+(?:\S+\s+){0,3}?(?:buka|open|tutup|closed|still open)\b[^.!?]*\?\s*$/i;
/** Being notified asked for politely ("Can I get notified here when it reopens?", "Bisa saya diberi kabar jika sudah dibuka kembali?"). */
export const NOTIFY_REQUESTED = /\b(?:can i|could i|may i|please)\b.{0,15}\b(?:get |be )?(?:notified|updated|informed)\b|\b(?:kasih tahu|kasih tau|kabari|kabarin)\b (?:saya|sy|aku|kami)\b (?:ya )?(?:kalau|jika|bila) (?:\S+ )?(?:sudah )?(?:buka|dibuka)\b|\b(?:bisa|bisakah|mohon|tolong)\b (?:saya |sy |kami )?(?:diberi kabar|diberi tahu|diberitahu|dikabari|dikabarin|dikabarkan|diinfokan|diinfoin)\b/;
/** Keeping the announcements ("eh kok berhenti, maksudnya mau tetap langganan"). */
export const KEEP_SUBSCRIBED = /\b(?:tetap|tetep|masih) (?:mau )?(?:langganan|berlangganan|subscribe|dapat info\w*|terima info\w*)\b/;
/** Bringing documents in person ("gak bisa diantar langsung aja?", "boleh saya bawa ke kantor?"): the counter's state. */
export const DELIVER_IN_PERSON = /\b(?:diantar|antar|mengantar|dibawa|bawa|membawa|menyerahkan|diserahkan)\b.{0,10}\b(?:langsung|ke kantor|ke loket|ke sana)\b/;
/** A service asked of the counter after its name ("pengaduan tatap muka gimana, bisa datang?"). */
export const IN_PERSON_STILL = /\btatap muka\b.{0,20}\b(?:bisa|boleh|masih)\b|\b(?:bisa|boleh) (?:datang|dateng)\b/;
/** Complaining said last ("… bisa juga lewat sini kan? saya mau lapor"). */
export const COMPLAIN_LAST = /(?:^|[?.!,]\s*)(?:(?:saya|sy|aku) )?(?:mau|ingin) (?:lapor|mengadu|ngadu|komplain|melapor)(?: (?:aja|saja|dong|ya|min|kak|nih))*\s*[.!]*\s*$/i;
/** The latest news asked ("ada info terbaru apa?"): the closure as it stands. */
export const LATEST_NEWS = /\b(?:info|informasi|kabar|berita|pengumuman|update)\w* (?:terbaru|terkini|baru)\b|\bada (?:kabar|info|berita) apa\b/;
/** "Is face-to-face service available now?", "in person possible?": the counter's state. */
export const IN_PERSON_AVAILABLE = /\b(?:face[- ]to[- ]face|in[- ]person|walk[- ]in)\b.{0,25}\b(?:available|open|possible|allowed)\b/;
/** Where to begin getting permits for a business ("mulai dr mana ya urus izinnya"): registering on OSS. */
export const WHERE_TO_START = /\bmulai (?:dari|dr) mana\b.{0,25}\b(?:izin|ijin|urus|daftar)\w*|\b(?:izin|ijin)\w* (?:nya )?bagaimana (?:mas|mbak|pak|bu|kak)?$/;
/** A catalogue permit asked whether needed ("… nambah lantai 2. perlu PBG gak ya?"). */
export const PERMIT_NEEDED_ASKED = /\b(?:perlu|butuh|harus (?:ada|punya)|wajib)\b (?:\S+ ){0,2}?(?:izin \S+|\S+) (?:tidak|gak|enggak|nggak)\b|\b(?:perlu|butuh|wajib)\b.{0,20}\b(?:tidak|kah|ya)\s*$/;
/** What office this is and what it does ("terus ini kantor apa dan bisa bantu apa"): the menu. */
export const WHAT_OFFICE = /\bini kantor apa\b|\b(?:bisa )?bantu apa\b/;
/** Whether a complaint can be made in this chat ("kalau warga mau mengadu, bisa lewat chat ini?"): the form, offered. */
export const COMPLAIN_IN_THIS_CHAT = /\b(?:mengadu|ngadu|lapor|melapor|komplain|pengaduan|adukan)\b.{0,25}\b(?:bisa|boleh|dapat)\b.{0,10}\b(?:lewat|via|melalui|di) (?:chat|wa|whatsapp|telegram|sini|bot)\b/;
/** The office said to be open now, heard ("Halo, kabarnya kantor udah buka ya?"): whether it is (not a reopening date, not news to subscribe to). */
export const OPEN_NOW_RUMOURED = /^(?:(?:halo|hai|pagi|siang|sore|malam|min|kak|pak|bu|permisi) )*(?:(?:saya|aku) )?(?:kabarnya|katanya|dengar dengar|denger denger|dengar|denger)\b.{0,30}\b(?:sudah|udah) (?:buka|dibuka)\b(?! (?:lagi|kembali) (?:tanggal|tgl|mulai|per))/;
/** Only trying the chat out ("wkwk cuma nyoba", "cuma tes aja"): out of scope, nothing to answer. */
export const JUST_TESTING = /^(?:(?:maaf|sorry|eh) )*(?:cuma|cuman|hanya|sekedar|sekadar|lagi) (?:mencoba|coba|coba coba|tes|test|testing|iseng)(?: (?:saja|doang|kak|min|bot|ya|kok))*$/;
/** Found or done, said back ("udh dapet 👍", "udah ketemu kak"): an acknowledgement. */
export const GOT_IT = /^(?:(?:oke|ok|sip|oh|nah) )?(?:sudah|udah) (?:dapat|ketemu|nemu|berhasil)(?: (?:ya|kak|min|pak|bu|nih|kok|deh|terima kasih))*$/;
/** A message sent around asking for identity numbers or bank accounts ("… kirim NIK dan no rekening ke nomor ini"): a scam, asked about. */
export const DATA_ASKED_FOR = /\b(?:kirim|kirimkan|kirimin|transfer|bayar|setor)\b.{0,20}\b(?:nik|ktp|rekening|rek|pin|otp|uang|pulsa)\b/;
/** Words of a site visit: a permit named beside none of them is that permit's form, not field verification. */
export const VISIT_WORD = /\b(?:inspect\w*|come|site visit|verifikasi|survei|survey|cek|mengecek|tinjau\w*|peninjauan|lapangan|petugas|datang|visit|kunjungan|dikunjungi)\b/;
/** A person asked for and nothing more ("nak bisa bicara sama pegawai kantor?"): the desk, which asks for the question. */
export const PERSON_ASKED_FOR = /^(?:(?:nak|ampura|permisi|maaf|halo|min|kak|pak|bu|mas|mbak) )*(?:saya )?(?:bisa|boleh|dapat|bisakah|bolehkah) (?:saya )?(?:bicara|berbicara|ngobrol|bertanya|tanya|konsultasi|disambungkan|sambung\w*|dihubungkan) (?:langsung )?(?:sama|dengan|ke|di|kepada) (?:petugas|pegawai|staf|orang|manusia|admin)\w*(?: (?:kantor|dinas|nya|langsung|saja|kah|tidak|ya))*$/;
/** A complaint said to be filed from another number ("kok gak ada? kemarin saya udah lapor lewat nomor lain"): its status, by ticket. */
export const FILED_ELSEWHERE = /\b(?:sudah|udah|pernah) (?:lapor|melapor|mengadu|ngadu|komplain)\b.{0,20}\b(?:lewat|dari|pakai|pake|via|dengan) (?:nomor|no|hp|wa|akun) (?:lain|yang lain|satunya|istri|suami|anak)\b/;
/** How to complain asked ("trus kalo mau lapor gmn caranya?", "cara pengaduan gimana"): the form, which says how. */
export const HOW_TO_COMPLAIN = /\b(?:mau|kalau|ingin) (?:lapor|melapor|mengadu|ngadu|komplain)\b (?:bagaimana|gimana) (?:caranya|cara)\b|\bcara (?:lapor|melapor|mengadu|ngadu|komplain|pengaduan|bikin pengaduan|membuat pengaduan)\b/;
/** A sure date demanded ("ga jelas bgt. kasih tanggal pasti dong"): when the office reopens. */
export const SURE_DATE_DEMANDED = /\b(?:kasih|minta|mana|berapa|kapan)\b.{0,15}\b(?:tanggal|tgl)(?:nya)? (?:pasti|pastinya|jelas|jelasnya)\b|\b(?:tanggal|tgl) (?:pasti|pastinya) (?:kapan|berapa|dong|donk)\b/;
/** A question announced with no way to ask it ("saya mau tanya2 tapi tidak tahu caranya"): the menu. */
export const ASKING_HOW_TO_ASK = /\b(?:mau|ingin|pengen) (?:tanya|bertanya|nanya)(?:-tanya)?\b.{0,10}\b(?:tidak|belum|gak|kurang) (?:tahu|ngerti|mengerti|paham) (?:caranya|cara|gimana|bagaimana)\b/;
/** A correction naming what was meant ("bukan itu, maksud saya izin praktek bidan …"). */
export const MEANT_INSTEAD = /^(?:(?:bukan|bkn) (?:itu|yang itu|begitu) )?(?:maksud (?:saya|sy|aku|nya)|maksudnya|yang saya maksud)\b/;
/** Why-words: a reading as the closure's reason needs one (or a cause named). */
export const WHY_WORD = /\b(?:kenapa|mengapa|alasan\w*|karena|sebab\w*|why|reason\w*|gara|makanya|covid\w*|corona|zona|galungan|kuningan|penyebab\w*|pandemi|virus|positif|wabah)\b/;
/** An acknowledgement with an address word ("oke bos", "siap gan"): taken in (never another business for "bos"). */
export const ACK_WITH_ADDRESS = /^(?:ok|oke|okay|okey|siap|sip|baik|mantap)(?: (?:bos|boss|bro|gan|ndan|bang|bli|mbok|om))+$/;
/** Done online, every step ("dia msh di jakarta, bs diurus online semua kan?", "jd semua online ya", "sementara ini bs online ya?" with nothing named before it): what works online. */
export const ALL_ONLINE = /\b(?:bisa|dapat) (?:diurus|diajukan|dilakukan|dikerjakan|dibuat)(?: (?:secara|lewat|via))? online\b|^(?:(?:jadi|terus|sementara|ini|untuk|berarti|kalau|apa|apakah|masih|tetap|oh|ok|oke) )*(?:bisa|dapat) (?:secara |lewat |via )?online(?: (?:ya|kah|tidak|kan|saja|semua|dong))*$|^(?:(?:jadi|berarti|oh|ya|oke) )*(?:semua|semuanya) (?:online|lewat online|secara online|via online)\b/;
/** The number asked for straight ("nomornya langsung aja min jgn suruh buka fb"): the office's contacts. */
export const NUMBER_STRAIGHT = /^(?:(?:minta|kasih|mana) )?nomor\w*(?: (?:telepon|telpon|hp|wa))? (?:langsung|saja|aja)\b/;
/** The service called bad ("PARAH BANGET PELAYANANNYA, …", "pelayanan lelet bgt"): a complaint. ("parah" reads as "marah".) */
export const SERVICE_CALLED_BAD = /\b(?:parah|marah|buruk|jelek|payah|mengecewakan|kecewa|lelet|amburadul|kacau)\b(?: (?:banget|sekali|amat|bgt))? (?:pelayanan|layanan)\w*|\b(?:pelayanan|layanan)\w* (?:\S+ )?(?:parah|buruk|jelek|payah|mengecewakan|lelet|amburadul|kacau)\b/;
/** Told to keep the person informed, and nothing more ("yaudah kabarin aja", "boleh, kasih tau sy ya"): subscribing. */
export const KEEP_ME_TOLD = /^(?:(?:ya sudah|yaudah|ok|oke|boleh|iya|ya|baik|sip|siap)\s)*(?:kabari|kabarin|dikabari|dikabarin|kabarkan|infoin|infokan|kasih tahu|kasih tau)(?: (?:saya|sy|aku|aja|saja|ya|deh|nanti|min|kak|pak|bu|kalau ada|kalau sudah buka|kalau buka))*$/;
/** An okay with what the person will do next ("oke sip, nanti minta tolong anak bikinin email", "ok bu nanti sy minta anak sy bukain fb nya"): taken in. */
export const PLAN_TOLD = /^(?:ok|oke|sip|baik|siap|iya|ya)\b.{0,30}\b(?:nanti|entar|besok)\b/;
