/**
 * A request for a person and nothing more, the whole message ("eh bentar, sy mau ngobrol sm petugas aja", "eh salah,
 * sy sebenernya cuma mau tanya2 ke petugas, bukan ngadu"): one matcher for every form, so the complaint form leaves
 * for it and the consultation desk asks for the question still to come, on the same words.
 */
export const ONLY_A_PERSON_ASKED =
  /^\s*(?:(?:eh|oh|bentar|sebentar|maaf|ampura|permisi|nak|ga jadi|gak jadi|udah|sudah|mending|salah|ok|oke|ya|iya|jadi|yaudah|yaudh)[\s,.]+)*(?:(?:sy|saya|aku|gw|gue|tiang|kulo)\s+)?(?:(?:sebenernya|sebenarnya|cuma|cuman|hanya|mau|ingin|pengen|mending|bisa|bs|boleh|dapat|dados|bisakah|bolehkah)\s+)*(?:(?:sy|saya|aku|tiang|kulo)\s+)?(?:ngobrol|bicara|berbicara|ngomong|tanya|nanya|bertanya|metakon|konsultasi|chat|sambung|disambung|hubung|dihubung)\w*(?:2|-\w+)?\s+(?:langsung\s+)?(?:sm|sama|dengan|dgn|ke|kepada|ring)\s+(?:petugas|pegawai|orang|staf|staff|manusia|admin)\w*(?:\s+(?:aja|saja|langsung|dong|deh|ya|kantor|dinas|kah|gak|ga|tidak|nggak))*(?:[\s,.]+(?:bukan|gak|ga|tidak)\s+(?:ngadu|mengadu|lapor|melapor|komplain|pengaduan))?\s*[.!?]*\s*$/i;
