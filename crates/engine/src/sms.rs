//! SMS length: encoding (GSM-7 or UCS-2), characters and segments.
