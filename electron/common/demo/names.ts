// Reference lists for the demo data: Italian names, comuni with their real codice catastale
// (Belfiore) and sigla of the provincia, and the countries and names most common among
// colf and badanti in Italy. Plain data: no logic, no randomness.

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

export const NOMI_MASCHILI: readonly string[] = [
  'Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Luigi', 'Francesco', 'Angelo', 'Vincenzo', 'Pietro', 'Salvatore',
  'Carlo', 'Franco', 'Domenico', 'Bruno', 'Paolo', 'Michele', 'Giorgio', 'Aldo', 'Sergio', 'Luciano',
  'Roberto', 'Alberto', 'Marco', 'Andrea', 'Stefano', 'Luca', 'Alessandro', 'Massimo', 'Giancarlo', 'Renato',
  'Enzo', 'Umberto', 'Ernesto', 'Guido', 'Raffaele', 'Gennaro', 'Rocco', 'Cosimo', 'Nicola', 'Ettore',
  'Gianni', 'Claudio', 'Fabio', 'Maurizio', 'Davide', 'Simone', 'Matteo', 'Lorenzo', 'Riccardo', 'Emanuele',
  'Federico', 'Daniele', 'Tommaso', 'Filippo', 'Giacomo', 'Alfredo', 'Arturo', 'Vittorio', 'Silvio', 'Gian Luca',
];

export const NOMI_FEMMINILI: readonly string[] = [
  'Maria', 'Anna', 'Giuseppina', 'Rosa', 'Angela', 'Giovanna', 'Teresa', 'Lucia', 'Carmela', 'Caterina',
  'Francesca', 'Antonietta', 'Carla', 'Elena', 'Concetta', 'Rita', 'Margherita', 'Franca', 'Paola', 'Laura',
  'Luisa', 'Grazia', 'Elisabetta', 'Silvana', 'Adriana', 'Bruna', 'Gabriella', 'Marisa', 'Anna Maria', 'Maria Grazia',
  'Patrizia', 'Daniela', 'Roberta', 'Giulia', 'Chiara', 'Sara', 'Federica', 'Valentina', 'Alessandra', 'Simona',
  'Monica', 'Cristina', 'Barbara', 'Elisa', 'Martina', 'Silvia', 'Ilaria', 'Marta', 'Beatrice', 'Lidia',
  'Wanda', 'Ida', 'Iolanda', 'Assunta', 'Immacolata', 'Nunzia', 'Agata', 'Rosaria', 'Vincenza', 'Pasqualina',
];

export const COGNOMI: readonly string[] = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
  'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini',
  'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti',
  'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani',
  'Benedetti', 'Barone', 'Rossetti', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi', 'Martino', 'Fiore',
  'De Rosa', 'Ferretti', 'Bellini', 'Basile', 'Riva', 'Donati', 'Piras', 'Vitali', 'Battaglia', 'Sartori',
  'Neri', 'Costantini', 'Milani', 'Pagano', 'Ruggiero', 'Sorrentino', "D'Amico", 'Orlando', 'Negri', 'Cirillo',
  'Fumagalli', 'Brambilla', 'Lo Presti', 'Scuderi', 'Cannizzaro', 'Pinna', 'Deiana', 'Cocco', 'Mele', 'Di Stefano',
];

/** A country of birth of foreign workers, with its codice catastale (Z…) for the codice fiscale. */
export interface PaeseLavoratori {
  paese: string;
  codiceCatastale: string;
  /** Relative share among foreign domestic workers (weights, not percentages). */
  peso: number;
  nomiFemminili: readonly string[];
  nomiMaschili: readonly string[];
  cognomi: readonly string[];
}

export const PAESI_LAVORATORI: readonly PaeseLavoratori[] = [
  {
    paese: 'Romania',
    codiceCatastale: 'Z129',
    peso: 22,
    nomiFemminili: ['Elena', 'Maria', 'Ioana', 'Mihaela', 'Gabriela', 'Daniela', 'Florentina', 'Camelia', 'Rodica', 'Viorica', 'Nicoleta', 'Lavinia'],
    nomiMaschili: ['Ion', 'Gheorghe', 'Vasile', 'Constantin', 'Mihai', 'Florin'],
    cognomi: ['Popescu', 'Ionescu', 'Popa', 'Pop', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Munteanu', 'Matei', 'Lazar', 'Dobre', 'Moldovan', 'Nistor'],
  },
  {
    paese: 'Ucraina',
    codiceCatastale: 'Z138',
    peso: 16,
    nomiFemminili: ['Olena', 'Oksana', 'Natalia', 'Tetiana', 'Iryna', 'Svitlana', 'Halyna', 'Liudmyla', 'Nadiia', 'Mariia', 'Larysa', 'Valentyna'],
    nomiMaschili: ['Oleksandr', 'Mykola', 'Vasyl', 'Ivan'],
    cognomi: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Kovalchuk', 'Oliinyk', 'Lysenko', 'Marchenko', 'Savchenko'],
  },
  {
    paese: 'Filippine',
    codiceCatastale: 'Z216',
    peso: 10,
    nomiFemminili: ['Maria Luz', 'Rosalie', 'Marites', 'Lorna', 'Jocelyn', 'Analyn', 'Rowena', 'Marilou', 'Cristina', 'Evelyn', 'Leonora'],
    nomiMaschili: ['Jose', 'Rommel', 'Ramon', 'Eduardo', 'Reynaldo'],
    cognomi: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Dela Cruz', 'Villanueva', 'Ramos', 'Aquino', 'Castillo', 'Manalo'],
  },
  {
    paese: 'Perù',
    codiceCatastale: 'Z611',
    peso: 7,
    nomiFemminili: ['Rosa', 'Carmen', 'Nelly', 'Yolanda', 'Gladys', 'Maritza', 'Milagros', 'Elizabeth', 'Julia'],
    nomiMaschili: ['Luis', 'Carlos', 'Jorge', 'Walter'],
    cognomi: ['Quispe', 'Flores', 'Huaman', 'Mamani', 'Rojas', 'Chavez', 'Vargas', 'Torres', 'Ramirez', 'Condori', 'Gutierrez'],
  },
  {
    paese: 'Moldova',
    codiceCatastale: 'Z140',
    peso: 8,
    nomiFemminili: ['Natalia', 'Tatiana', 'Ludmila', 'Svetlana', 'Ana', 'Valentina', 'Galina', 'Angela'],
    nomiMaschili: ['Vasile', 'Sergiu', 'Ion'],
    cognomi: ['Rusu', 'Ciobanu', 'Cebotari', 'Ceban', 'Lungu', 'Turcanu', 'Bivol', 'Sirbu', 'Cojocaru', 'Rotaru'],
  },
  {
    paese: 'Sri Lanka',
    codiceCatastale: 'Z209',
    peso: 5,
    nomiFemminili: ['Kumari', 'Nirmala', 'Dilani', 'Chandrika', 'Shanika', 'Priyanka'],
    nomiMaschili: ['Nimal', 'Sunil', 'Ruwan', 'Chaminda'],
    cognomi: ['Perera', 'Fernando', 'Silva', 'De Silva', 'Jayasinghe', 'Wickramasinghe', 'Rodrigo', 'Dissanayake'],
  },
  {
    paese: 'Ecuador',
    codiceCatastale: 'Z605',
    peso: 4,
    nomiFemminili: ['Mercedes', 'Blanca', 'Martha', 'Lucia', 'Narcisa', 'Gloria'],
    nomiMaschili: ['Segundo', 'Manuel'],
    cognomi: ['Zambrano', 'Moreira', 'Cedeno', 'Vera', 'Macias', 'Loor', 'Paredes'],
  },
  {
    paese: 'Albania',
    codiceCatastale: 'Z100',
    peso: 4,
    nomiFemminili: ['Drita', 'Valbona', 'Mirela', 'Lindita', 'Arjola', 'Elona'],
    nomiMaschili: ['Arben', 'Gentian', 'Ilir'],
    cognomi: ['Hoxha', 'Shehu', 'Dervishi', 'Gjoka', 'Leka', 'Kola', 'Marku'],
  },
  {
    paese: 'Georgia',
    codiceCatastale: 'Z254',
    peso: 3,
    nomiFemminili: ['Nino', 'Tamar', 'Ketevan', 'Manana', 'Nana', 'Maia'],
    nomiMaschili: ['Giorgi', 'Levan'],
    cognomi: ['Beridze', 'Kapanadze', 'Gelashvili', 'Maisuradze', 'Giorgadze', 'Lomidze'],
  },
  {
    paese: 'Polonia',
    codiceCatastale: 'Z127',
    peso: 3,
    nomiFemminili: ['Anna', 'Barbara', 'Malgorzata', 'Agnieszka', 'Krystyna', 'Ewa'],
    nomiMaschili: ['Piotr', 'Tomasz'],
    cognomi: ['Nowak', 'Kowalska', 'Wisniewska', 'Wojcik', 'Kaminska', 'Lewandowska'],
  },
  {
    paese: 'Marocco',
    codiceCatastale: 'Z330',
    peso: 3,
    nomiFemminili: ['Fatima', 'Khadija', 'Naima', 'Samira', 'Latifa'],
    nomiMaschili: ['Mohamed', 'Rachid', 'Youssef'],
    cognomi: ['El Idrissi', 'Benali', 'El Amrani', 'Bennani', 'Alaoui', 'Ouali'],
  },
];

/** Share of Italian-born workers among all domestic workers (weight against PAESI_LAVORATORI). */
export const PESO_LAVORATORI_ITALIANI = 24;

export const PREFISSI_CELLULARE: readonly string[] = [
  '320', '328', '329', '333', '334', '335', '338', '339', '340', '345', '347', '348', '349', '366', '380', '389', '392', '393',
];

export const DOMINI_EMAIL: readonly string[] = ['libero.it', 'gmail.com', 'tiscali.it', 'virgilio.it', 'alice.it', 'hotmail.it', 'yahoo.it'];
