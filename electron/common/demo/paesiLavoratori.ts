// The countries of birth most common among colf and badanti in Italy, with their names.
// Plain data: no logic, no randomness.

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
    cognomi: [
      'Kovalenko',
      'Shevchenko',
      'Bondarenko',
      'Tkachenko',
      'Kravchenko',
      'Melnyk',
      'Boiko',
      'Kovalchuk',
      'Oliinyk',
      'Lysenko',
      'Marchenko',
      'Savchenko',
    ],
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
