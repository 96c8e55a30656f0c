/**
 * A request for a person and nothing more, the whole message ("eh bentar, sy mau ngobrol sm petugas aja", "eh salah,
 * sy sebenernya cuma mau tanya2 ke petugas, bukan ngadu"): one matcher for every form, so the complaint form leaves
 * for it and the consultation desk asks for the question still to come, on the same words.
 */
export const ONLY_A_PERSON_ASKED =
  /^\s*(?:(?:eh|oh|bentar|sebentar|maaf|ga jadi|gak jadi|udah|sudah|mending|salah|ok|oke|ya|iya|jadi|yaudah|yaudh)[\s,.]+)*(?:(?:sy|saya|aku|gw|gue)\s+)?(?:(?:sebenernya|sebenarnya|cuma|cuman|hanya|mau|ingin|pengen|mending)\s+)*(?:ngobrol|bicara|ngomong|tanya|nanya|bertanya|konsultasi|chat)\w*(?:2|-\w+)?\s+(?:sm|sama|dengan|dgn|ke|kepada)\s+(?:petugas|pegawai|orang|staf|staff|manusia|admin)\w*(?:\s+(?:aja|saja|langsung|dong|deh|ya))*(?:[\s,.]+(?:bukan|gak|ga|tidak)\s+(?:ngadu|mengadu|lapor|melapor|komplain|pengaduan))?\s*[.!]*\s*$/i;
