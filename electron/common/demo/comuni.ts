// Comuni for the demo data, with their real codice catastale (Belfiore), sigla of the provincia,
// population (a weight) and patron saint's day. Plain data: no logic, no randomness.

export interface Comune {
  nome: string;
  /** Codice catastale (Belfiore), as used in the codice fiscale. */
  codiceCatastale: string;
  /** Sigla della provincia. */
  provincia: string;
  regione: string;
  /** Residents, in thousands (rounded): used as a weight. */
  abitanti: number;
  /** Patron saint's day ('MM-DD'): a local holiday, the INPS sede is closed. */
  patrono?: string;
}

export const COMUNI: readonly Comune[] = [
  // Lazio
  { nome: 'Roma', codiceCatastale: 'H501', provincia: 'RM', regione: 'Lazio', abitanti: 2750, patrono: '06-29' },
  { nome: 'Latina', codiceCatastale: 'E472', provincia: 'LT', regione: 'Lazio', abitanti: 127, patrono: '07-06' },
  { nome: 'Frosinone', codiceCatastale: 'D810', provincia: 'FR', regione: 'Lazio', abitanti: 44 },
  { nome: 'Viterbo', codiceCatastale: 'M082', provincia: 'VT', regione: 'Lazio', abitanti: 66, patrono: '09-04' },
  { nome: 'Rieti', codiceCatastale: 'H282', provincia: 'RI', regione: 'Lazio', abitanti: 46 },
  // Lombardia
  { nome: 'Milano', codiceCatastale: 'F205', provincia: 'MI', regione: 'Lombardia', abitanti: 1370, patrono: '12-07' },
  { nome: 'Brescia', codiceCatastale: 'B157', provincia: 'BS', regione: 'Lombardia', abitanti: 197, patrono: '02-15' },
  { nome: 'Bergamo', codiceCatastale: 'A794', provincia: 'BG', regione: 'Lombardia', abitanti: 120, patrono: '08-26' },
  { nome: 'Monza', codiceCatastale: 'F704', provincia: 'MB', regione: 'Lombardia', abitanti: 123, patrono: '06-24' },
  { nome: 'Como', codiceCatastale: 'C933', provincia: 'CO', regione: 'Lombardia', abitanti: 83 },
  { nome: 'Varese', codiceCatastale: 'L682', provincia: 'VA', regione: 'Lombardia', abitanti: 79 },
  { nome: 'Pavia', codiceCatastale: 'G388', provincia: 'PV', regione: 'Lombardia', abitanti: 71 },
  { nome: 'Cremona', codiceCatastale: 'D150', provincia: 'CR', regione: 'Lombardia', abitanti: 71 },
  { nome: 'Mantova', codiceCatastale: 'E897', provincia: 'MN', regione: 'Lombardia', abitanti: 49 },
  { nome: 'Lecco', codiceCatastale: 'E507', provincia: 'LC', regione: 'Lombardia', abitanti: 47 },
  { nome: 'Lodi', codiceCatastale: 'E648', provincia: 'LO', regione: 'Lombardia', abitanti: 45 },
  // Campania
  { nome: 'Napoli', codiceCatastale: 'F839', provincia: 'NA', regione: 'Campania', abitanti: 910, patrono: '09-19' },
  { nome: 'Salerno', codiceCatastale: 'H703', provincia: 'SA', regione: 'Campania', abitanti: 127, patrono: '09-21' },
  { nome: 'Caserta', codiceCatastale: 'B963', provincia: 'CE', regione: 'Campania', abitanti: 73 },
  { nome: 'Avellino', codiceCatastale: 'A509', provincia: 'AV', regione: 'Campania', abitanti: 52 },
  { nome: 'Benevento', codiceCatastale: 'A783', provincia: 'BN', regione: 'Campania', abitanti: 56 },
  // Piemonte e Valle d'Aosta
  { nome: 'Torino', codiceCatastale: 'L219', provincia: 'TO', regione: 'Piemonte', abitanti: 840, patrono: '06-24' },
  { nome: 'Novara', codiceCatastale: 'F952', provincia: 'NO', regione: 'Piemonte', abitanti: 101 },
  { nome: 'Alessandria', codiceCatastale: 'A182', provincia: 'AL', regione: 'Piemonte', abitanti: 91 },
  { nome: 'Asti', codiceCatastale: 'A479', provincia: 'AT', regione: 'Piemonte', abitanti: 73 },
  { nome: 'Cuneo', codiceCatastale: 'D205', provincia: 'CN', regione: 'Piemonte', abitanti: 56 },
  { nome: 'Aosta', codiceCatastale: 'A326', provincia: 'AO', regione: "Valle d'Aosta", abitanti: 33 },
  // Liguria
  { nome: 'Genova', codiceCatastale: 'D969', provincia: 'GE', regione: 'Liguria', abitanti: 560, patrono: '06-24' },
  { nome: 'La Spezia', codiceCatastale: 'E463', provincia: 'SP', regione: 'Liguria', abitanti: 92 },
  // Veneto, Trentino-Alto Adige, Friuli-Venezia Giulia
  { nome: 'Venezia', codiceCatastale: 'L736', provincia: 'VE', regione: 'Veneto', abitanti: 250 },
  { nome: 'Verona', codiceCatastale: 'L781', provincia: 'VR', regione: 'Veneto', abitanti: 255, patrono: '05-21' },
  { nome: 'Padova', codiceCatastale: 'G224', provincia: 'PD', regione: 'Veneto', abitanti: 207, patrono: '06-13' },
  { nome: 'Vicenza', codiceCatastale: 'L840', provincia: 'VI', regione: 'Veneto', abitanti: 110, patrono: '09-08' },
  { nome: 'Treviso', codiceCatastale: 'L407', provincia: 'TV', regione: 'Veneto', abitanti: 85 },
  { nome: 'Trento', codiceCatastale: 'L378', provincia: 'TN', regione: 'Trentino-Alto Adige', abitanti: 118, patrono: '06-26' },
  { nome: 'Bolzano', codiceCatastale: 'A952', provincia: 'BZ', regione: 'Trentino-Alto Adige', abitanti: 107 },
  { nome: 'Trieste', codiceCatastale: 'L424', provincia: 'TS', regione: 'Friuli-Venezia Giulia', abitanti: 200, patrono: '11-03' },
  { nome: 'Udine', codiceCatastale: 'L483', provincia: 'UD', regione: 'Friuli-Venezia Giulia', abitanti: 98 },
  // Emilia-Romagna
  { nome: 'Bologna', codiceCatastale: 'A944', provincia: 'BO', regione: 'Emilia-Romagna', abitanti: 390, patrono: '10-04' },
  { nome: 'Modena', codiceCatastale: 'F257', provincia: 'MO', regione: 'Emilia-Romagna', abitanti: 185, patrono: '01-31' },
  { nome: 'Parma', codiceCatastale: 'G337', provincia: 'PR', regione: 'Emilia-Romagna', abitanti: 198, patrono: '01-13' },
  { nome: 'Reggio Emilia', codiceCatastale: 'H223', provincia: 'RE', regione: 'Emilia-Romagna', abitanti: 171 },
  { nome: 'Ravenna', codiceCatastale: 'H199', provincia: 'RA', regione: 'Emilia-Romagna', abitanti: 156 },
  { nome: 'Rimini', codiceCatastale: 'H294', provincia: 'RN', regione: 'Emilia-Romagna', abitanti: 150 },
  { nome: 'Ferrara', codiceCatastale: 'D548', provincia: 'FE', regione: 'Emilia-Romagna', abitanti: 130 },
  { nome: 'Piacenza', codiceCatastale: 'G535', provincia: 'PC', regione: 'Emilia-Romagna', abitanti: 103 },
  // Toscana
  { nome: 'Firenze', codiceCatastale: 'D612', provincia: 'FI', regione: 'Toscana', abitanti: 365, patrono: '06-24' },
  { nome: 'Prato', codiceCatastale: 'G999', provincia: 'PO', regione: 'Toscana', abitanti: 196 },
  { nome: 'Livorno', codiceCatastale: 'E625', provincia: 'LI', regione: 'Toscana', abitanti: 153 },
  { nome: 'Arezzo', codiceCatastale: 'A390', provincia: 'AR', regione: 'Toscana', abitanti: 97 },
  { nome: 'Pisa', codiceCatastale: 'G702', provincia: 'PI', regione: 'Toscana', abitanti: 89 },
  { nome: 'Lucca', codiceCatastale: 'E715', provincia: 'LU', regione: 'Toscana', abitanti: 89 },
  { nome: 'Siena', codiceCatastale: 'I726', provincia: 'SI', regione: 'Toscana', abitanti: 53 },
  // Umbria e Marche
  { nome: 'Perugia', codiceCatastale: 'G478', provincia: 'PG', regione: 'Umbria', abitanti: 162, patrono: '01-29' },
  { nome: 'Terni', codiceCatastale: 'L117', provincia: 'TR', regione: 'Umbria', abitanti: 107 },
  { nome: 'Ancona', codiceCatastale: 'A271', provincia: 'AN', regione: 'Marche', abitanti: 99, patrono: '05-04' },
  { nome: 'Pesaro', codiceCatastale: 'G479', provincia: 'PU', regione: 'Marche', abitanti: 95 },
  // Abruzzo e Molise
  { nome: 'Pescara', codiceCatastale: 'G482', provincia: 'PE', regione: 'Abruzzo', abitanti: 118 },
  { nome: "L'Aquila", codiceCatastale: 'A345', provincia: 'AQ', regione: 'Abruzzo', abitanti: 69 },
  { nome: 'Campobasso', codiceCatastale: 'B519', provincia: 'CB', regione: 'Molise', abitanti: 48 },
  // Puglia
  { nome: 'Bari', codiceCatastale: 'A662', provincia: 'BA', regione: 'Puglia', abitanti: 316, patrono: '12-06' },
  { nome: 'Taranto', codiceCatastale: 'L049', provincia: 'TA', regione: 'Puglia', abitanti: 189 },
  { nome: 'Foggia', codiceCatastale: 'D643', provincia: 'FG', regione: 'Puglia', abitanti: 147 },
  { nome: 'Lecce', codiceCatastale: 'E506', provincia: 'LE', regione: 'Puglia', abitanti: 94 },
  { nome: 'Brindisi', codiceCatastale: 'B180', provincia: 'BR', regione: 'Puglia', abitanti: 85 },
  // Basilicata e Calabria
  { nome: 'Potenza', codiceCatastale: 'G942', provincia: 'PZ', regione: 'Basilicata', abitanti: 64 },
  { nome: 'Matera', codiceCatastale: 'F052', provincia: 'MT', regione: 'Basilicata', abitanti: 60 },
  { nome: 'Reggio Calabria', codiceCatastale: 'H224', provincia: 'RC', regione: 'Calabria', abitanti: 170 },
  { nome: 'Catanzaro', codiceCatastale: 'C352', provincia: 'CZ', regione: 'Calabria', abitanti: 85 },
  { nome: 'Cosenza', codiceCatastale: 'D086', provincia: 'CS', regione: 'Calabria', abitanti: 64 },
  // Sicilia
  { nome: 'Palermo', codiceCatastale: 'G273', provincia: 'PA', regione: 'Sicilia', abitanti: 630, patrono: '07-15' },
  { nome: 'Catania', codiceCatastale: 'C351', provincia: 'CT', regione: 'Sicilia', abitanti: 300, patrono: '02-05' },
  { nome: 'Messina', codiceCatastale: 'F158', provincia: 'ME', regione: 'Sicilia', abitanti: 220, patrono: '06-03' },
  { nome: 'Siracusa', codiceCatastale: 'I754', provincia: 'SR', regione: 'Sicilia', abitanti: 117 },
  { nome: 'Trapani', codiceCatastale: 'L331', provincia: 'TP', regione: 'Sicilia', abitanti: 55 },
  { nome: 'Ragusa', codiceCatastale: 'H163', provincia: 'RG', regione: 'Sicilia', abitanti: 73 },
  // Sardegna
  { nome: 'Cagliari', codiceCatastale: 'B354', provincia: 'CA', regione: 'Sardegna', abitanti: 149, patrono: '10-30' },
  { nome: 'Sassari', codiceCatastale: 'I452', provincia: 'SS', regione: 'Sardegna', abitanti: 122 },
];
