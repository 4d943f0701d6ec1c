// Row 12's test files (#14), made in their own process (see bench/allegati.ts): a 3 MB scan of
// three noisy A4 pages, three 12 MP phone photos, six 12 MP photos of pages. Argument: the folder.
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { jpegDiProva } from '../../electron/core/allegati/prova';

const dir = process.argv[2]!;
const scansione = await PDFDocument.create();
for (let i = 0; i < 3; i++) {
  const img = await scansione.embedJpg(await jpegDiProva(1050, 1400, { rumore: 60, qualita: 95 }));
  scansione.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
}
fs.writeFileSync(path.join(dir, 'scansione.pdf'), await scansione.save());
for (let i = 1; i <= 3; i++) fs.writeFileSync(path.join(dir, `foto${i}.jpg`), await jpegDiProva(4032, 3024, { rumore: 25 }));
for (let i = 1; i <= 6; i++) fs.writeFileSync(path.join(dir, `pagina${i}.jpg`), await jpegDiProva(3024, 4032, { rumore: 12, qualita: 85 }));
