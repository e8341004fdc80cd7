/** What goes on a parcel label. */
export interface ParcelLabel {
  orderNumber: string;
  customer: string;
  address: string;
  parcelNo: number;
  weight: string;
  carrier: string;
  tracking: string;
  sscc: string;
}

/** ZPL field data: ^ and ~ are ZPL's command prefixes; the printer is told UTF-8 (^CI28). */
function field(text: string): string {
  return text.replace(/[\^~]/g, ' ');
}

/**
 * A 4×6 inch shipping label in ZPL II: recipient, order and parcel, weight, carrier and tracking
 * (Code 128), and the SSCC as GS1-128 (FNC1 then AI 00) with its human-readable line.
 */
export function zplLabel(label: ParcelLabel): string {
  const [street = '', city = ''] = label.address.split(/,\s*/, 2);
  return [
    '^XA',
    '^CI28',
    '^PW812',
    '^LL1218',
    `^FO40,40^A0N,40,40^FD${field(label.customer)}^FS`,
    `^FO40,90^A0N,32,32^FD${field(street)}^FS`,
    `^FO40,130^A0N,32,32^FD${field(city)}^FS`,
    `^FO40,200^A0N,28,28^FDCommande ${field(label.orderNumber)} - colis ${label.parcelNo} - ${field(label.weight)}^FS`,
    `^FO40,260^A0N,36,36^FD${field(label.carrier.toUpperCase())}^FS`,
    `^FO40,310^BY3^BCN,160,Y,N,N^FD${field(label.tracking)}^FS`,
    '^FO40,560^A0N,28,28^FDSSCC^FS',
    `^FO40,600^BY3^BCN,200,N,N,N^FD>;>800${label.sscc}^FS`,
    `^FO40,820^A0N,32,32^FD(00) ${label.sscc}^FS`,
    '^XZ',
    '',
  ].join('\n');
}
