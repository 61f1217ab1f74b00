#!/usr/bin/env python3
"""Adds the confirmed cells of ../shared/data/published-figures-2.md (Tables 1-3) to a
dataset with the project's own `pantau import`, one source at a time.

    python3 scripts/import-published-figures.py [--data sample-data] [--pantau .build/debug/pantau]

Seed cells (already in sample-data with their sources), `—` and `n/a` are left out; derived
cells (`~`) go to a `turunan-*` source whose publisher says it is derived; cells stated by
someone other than BPS or the Ministry of Health (`‡`) get that office as publisher, so
they form their own series. Re-running it changes nothing (the import is idempotent).
"""
import argparse, csv, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIGURES = os.path.join(ROOT, "..", "shared", "data", "published-figures-2.md")

def tables(text):
    """{'1': [[cells...], ...], ...} for '## Table N' sections."""
    out, current = {}, None
    for line in text.splitlines():
        m = re.match(r"## Table (\d)", line)
        if m:
            current = m.group(1); out[current] = []; continue
        if line.startswith("## ") or line.startswith("---"):
            if line.startswith("## "): current = None
            continue
        if current and line.startswith("|") and not re.match(r"^\|[-| ]+\|$", line):
            out[current].append([c.strip() for c in line.strip().strip("|").split("|")])
    return out

def cell(text):
    """(value, derived, caveat, seed, note) or None for —, n/a."""
    if text in ("—", "n/a", ""):
        return None
    m = re.match(r"^(~?)(\d+(?:\.\d+)?)([¹‡]*)\s*(\((.*)\))?$", text)
    if not m:
        raise SystemExit(f"cannot read cell {text!r}")
    note = m.group(5) or ""
    return m.group(2), m.group(1) == "~", "‡" in m.group(3), note == "seed", note

SOURCES = {
    "bps-p0-provinsi-2023": ("Berita Resmi Statistik: Profil Kemiskinan di Indonesia Maret 2023 (angka provinsi)", "Badan Pusat Statistik", "2023",
                             "https://www.infoaceh.net (daftar provinsi Sumatra, Maret 2023); halaman per provinsi di shared/data/published-figures-2.md Tabel 1"),
    "bps-p0-provinsi-2024": ("Berita Resmi Statistik: Profil Kemiskinan di Indonesia Maret 2024 (angka provinsi)", "Badan Pusat Statistik", "2024",
                             "https://www.detik.com/jateng/d-7417421 (daftar provinsi, Maret 2024); halaman per provinsi di shared/data/published-figures-2.md Tabel 1"),
    "bps-p0-prapemekaran-2023": ("Profil Kemiskinan Maret 2023, Papua dan Papua Barat dengan batas wilayah sebelum pemekaran (Papua Barat termasuk Papua Barat Daya); tidak sebanding dengan 2024",
                                 "Batas wilayah sebelum pemekaran 2022 (angka BPS)", "2023", "https://papua.antaranews.com/amp/berita/706158"),
    "turunan-p0-provinsi": ("Angka turunan pantau, bukan rilis resmi: Kalimantan Barat 2023 = 6,32 + 0,39 (BPS Maret 2024 'turun 0,39 poin'); Maluku Utara 2024 = 5,81 + 0,51 (BPS Maret 2025); Papua 2024 = 18,09 - 0,83 (BPS September 2024)",
                            "pantau (angka turunan, bukan rilis resmi)", "", "https://pontianak.tribunnews.com (2024/07/04)"),
    "ssgi-2022-provinsi": ("Hasil Survei Status Gizi Indonesia (SSGI) 2022: prevalensi balita stunting per provinsi", "Kementerian Kesehatan", "2023",
                           "https://databoks.katadata.co.id/datapublish/431ef7319d34be5"),
    "ssgi-2022-prapemekaran": ("Hasil SSGI 2022, Papua dan Papua Barat dengan batas wilayah sebelum pemekaran; tidak sebanding dengan SKI 2023",
                               "Batas wilayah sebelum pemekaran 2022 (angka SSGI)", "2023", "https://databoks.katadata.co.id/datapublish/431ef7319d34be5"),
    "ski-2023-provinsi": ("Survei Kesehatan Indonesia (SKI) 2023 dalam Angka: prevalensi balita stunting per provinsi", "Kementerian Kesehatan", "2024",
                          "https://lestari.kompas.com/read/2024/05/13/150000786 (10 terendah); databoks 66d80dc0a2822 (tertinggi)"),
    "ssgi-2024-provinsi": ("SSGI 2024 dalam Angka: prevalensi balita stunting per provinsi (36 dari 38 provinsi)", "Kementerian Kesehatan", "2025",
                           "https://databoks.katadata.co.id/datapublish/68354587f262f; https://www.detik.com/kalimantan/d-7949683"),
    "kompas-ski-2023-papua-tengah": ("SKI 2023 Papua Tengah sebagaimana dikutip Kompas (39,2; halaman lain menulis 39,4 dan 38,4)", "Kompas.com", "2024",
                                     "https://lestari.kompas.com/read/2024/05/09"),
    "databoks-ski-2023-papua-tengah": ("SKI 2023 Papua Tengah sebagaimana dikutip Databoks datapublish 6 Juli 2024 (38,4)", "Databoks (Katadata)", "2024",
                                       "https://databoks.katadata.co.id/datapublish/2024/07/06"),
    "idntimes-ski-2023-papua-pegunungan": ("SKI 2023 Papua Pegunungan sebagaimana dikutip IDN Times (37,2; Kompas dan Databoks menulis 37,3)", "IDN Times", "2024",
                                           "https://ntb.idntimes.com (ini-provinsi-dengan-angka-stunting-tertinggi)"),
    "bps-jabar-kabkota-p0-2023": ("Data dan Informasi Kemiskinan Kabupaten/Kota di Jawa Barat (Susenas Maret 2023)", "BPS Provinsi Jawa Barat", "2023",
                                  "https://databoks.katadata.co.id (seri 'Jumlah Penduduk dan Persentase Kemiskinan di … 2004-2024'); halaman per kab/kota di shared/data/published-figures-2.md Tabel 3"),
    "bps-jabar-kabkota-p0-2024": ("Data dan Informasi Kemiskinan Kabupaten/Kota di Jawa Barat (Susenas Maret 2024)", "BPS Provinsi Jawa Barat", "2024",
                                  "https://databoks.katadata.co.id (seri 'Jumlah Penduduk dan Persentase Kemiskinan di … 2004-2024'); koransunda.com (5 kota termiskin)"),
    "pemkab-sumedang-p0-2023": ("Persentase penduduk miskin Kabupaten Sumedang 2023 menurut Pj Bupati Sumedang (data BPS)", "Pemerintah Kabupaten Sumedang", "2023",
                                "https://bandungraya.inews.id/read/375437"),
    "bps-jabar-kabkota-miskin-2024": ("Jumlah penduduk miskin kabupaten/kota Jawa Barat Maret 2024 (ribu jiwa; 446,8 ribu ditulis 446800)", "BPS Provinsi Jawa Barat", "2024",
                                      "https://kuninganmass.com (siapa-paling-banyak-siapa-paling-sedikit-ini-daftar-lengkap-penduduk-miskin-jawa-barat-tahun-kemarin)"),
    "bps-jabar-kabkota-tpt-2023": ("Keadaan Ketenagakerjaan Kabupaten/Kota Jawa Barat Agustus 2023 (TPT)", "BPS Provinsi Jawa Barat", "2023",
                                   "https://www.ayobogor.com/3114194451 (10 tertinggi); halaman per kab/kota di shared/data/published-figures-2.md Tabel 3"),
    "bps-jabar-kabkota-tpt-2024": ("Keadaan Ketenagakerjaan Kabupaten/Kota Jawa Barat Agustus 2024 (TPT)", "BPS Provinsi Jawa Barat", "2024",
                                   "https://jabarekspres.com (2024/11/05); halaman per kab/kota di shared/data/published-figures-2.md Tabel 3"),
    "pemkab-bandung-tpt": ("TPT Kabupaten Bandung menurut Bupati Bandung (mengutip data Disnaker; tidak dikonfirmasi BPS)", "Pemerintah Kabupaten Bandung", "2025",
                           "https://mediaindonesia.com/733435; https://jabarekspres.com (2025/01/11)"),
    "dk2ukm-majalengka-tpt-2023": ("TPT Kabupaten Majalengka 2023 menurut DK2UKM (Desember 2023; tidak disebut sebagai angka BPS)", "DK2UKM Kabupaten Majalengka", "2023",
                                   "https://mediaindonesia.com/837256"),
    "disnaker-kota-cirebon-tpt": ("TPT Kota Cirebon menurut Disnaker Kota Cirebon", "Disnaker Kota Cirebon", "2024",
                                  "https://posbogor.biz.id (mirror infoJabar)"),
    "turunan-jabar-tpt-2024": ("Angka turunan pantau, bukan rilis resmi: Kota Bandung TPT 2024 = 8,83 - 1,43 (BPS Kota Bandung); Kota Bekasi TPT 2024 = 105.565 / 1.350.395 (hitungan BPS dikutip Disnaker)",
                               "pantau (angka turunan, bukan rilis resmi)", "", "https://bandungkota.bps.go.id"),
    "ssgi-2022-jabar": None,  # already in sample-data
    "ski-2023-jabar-kabkota": ("Survei Kesehatan Indonesia (SKI) 2023: prevalensi balita stunting kabupaten Garut dan Sumedang", "Kementerian Kesehatan", "2024",
                               "https://kabarsumedang.pikiran-rakyat.com/pr-3248053297; garutupdate.co.id (angka-stunting-di-garut-kembali-naik)"),
    "dppkb-kota-bandung-ski-2023": ("Prevalensi stunting Kota Bandung 2023 (seri 'SSGI/SKI') menurut DPPKB Kota Bandung", "DPPKB Kota Bandung", "2024",
                                    "https://jabar.idntimes.com (pemkot-bandung-pengelolaan-sampah…)"),
    "dinkes-depok-ski-2023": ("Prevalensi stunting Kota Depok survei 2023 menurut Dinas Kesehatan Kota Depok", "Dinas Kesehatan Kota Depok", "2024",
                              "https://adainfo.id (terkait-data-stunting-di-depok-dinkes-ungkap-ini)"),
}

def figures(text):
    """(source, kode, indikator, tahun, nilai) for every cell to import."""
    t = tables(text)
    rows = []
    for r in t["1"][1:]:
        kode = r[0]
        for year, raw in (("2023", r[2]), ("2024", r[3])):
            c = cell(raw)
            if not c or c[3]: continue
            value, derived, caveat, seed, note = c
            if kode == "0": continue
            if derived: src = "turunan-p0-provinsi"
            elif "pre-split" in note: src = "bps-p0-prapemekaran-2023"
            else: src = f"bps-p0-provinsi-{year}"
            rows.append((src, kode, "kemiskinan", year, value))
    for r in t["2"][1:]:
        kode = r[0]
        if kode == "0": continue  # Indonesia: already in sample-data (ssgi-2022, ski-2023, ssgi-2024)
        for year, raw, src in (("2022", r[2], "ssgi-2022-provinsi"), ("2023", r[3], "ski-2023-provinsi"), ("2024", r[4], "ssgi-2024-provinsi")):
            c = cell(raw)
            if not c or c[3]: continue
            if "old boundaries" in c[4]: src = "ssgi-2022-prapemekaran"
            rows.append((src, kode, "stunting", year, c[0]))
    rows += [("kompas-ski-2023-papua-tengah", "94", "stunting", "2023", "39.2"),
             ("databoks-ski-2023-papua-tengah", "94", "stunting", "2023", "38.4"),
             ("idntimes-ski-2023-papua-pegunungan", "95", "stunting", "2023", "37.2")]
    caveats = {("32.11", "p0-2023"): "pemkab-sumedang-p0-2023", ("32.04", "tpt-2023"): "pemkab-bandung-tpt",
               ("32.04", "tpt-2024"): "pemkab-bandung-tpt", ("32.10", "tpt-2023"): "dk2ukm-majalengka-tpt-2023",
               ("32.74", "tpt-2023"): "disnaker-kota-cirebon-tpt", ("32.74", "tpt-2024"): "disnaker-kota-cirebon-tpt",
               ("32.73", "ski-2023"): "dppkb-kota-bandung-ski-2023", ("32.76", "ski-2023"): "dinkes-depok-ski-2023"}
    columns = [("p0-2023", "kemiskinan", "2023", "bps-jabar-kabkota-p0-2023", 1), ("p0-2024", "kemiskinan", "2024", "bps-jabar-kabkota-p0-2024", 1),
               ("miskin-2024", "penduduk_miskin", "2024", "bps-jabar-kabkota-miskin-2024", 1000),
               ("tpt-2023", "tpt", "2023", "bps-jabar-kabkota-tpt-2023", 1), ("tpt-2024", "tpt", "2024", "bps-jabar-kabkota-tpt-2024", 1),
               ("ssgi-2022", "stunting", "2022", "ssgi-2022-jabar", 1), ("ski-2023", "stunting", "2023", "ski-2023-jabar-kabkota", 1)]
    for r in t["3"][1:]:
        kode = r[0]
        for (name, indicator, year, src, scale), raw in zip(columns, r[2:]):
            c = cell(raw)
            if not c or c[3]: continue
            value, derived, caveat, seed, note = c
            if derived: src = "turunan-jabar-tpt-2024"
            elif caveat: src = caveats[(kode, name)]
            if scale == 1000:
                whole, _, frac = value.partition(".")
                value = str(int(whole) * 1000 + int((frac + "000")[:3]))
            rows.append((src, kode, indicator, year, value))
    return rows

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(ROOT, "sample-data"))
    parser.add_argument("--pantau", default=os.path.join(ROOT, ".build", "debug", "pantau"))
    args = parser.parse_args()
    rows = figures(open(FIGURES, encoding="utf-8").read())
    with tempfile.TemporaryDirectory() as scratch:
        for source in dict.fromkeys(r[0] for r in rows):
            path = os.path.join(scratch, source + ".csv")
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(["kode", "indikator", "tahun", "nilai"])
                for r in rows:
                    if r[0] == source: w.writerow(r[1:])
            command = [args.pantau, "import", path, "--data", args.data, "--source", source, "--lang", "en"]
            meta = SOURCES[source]
            if meta:
                title, publisher, year, url = meta
                command += ["--source-title", title, "--publisher", publisher, "--url", url]
                if year: command += ["--year", year]
            result = subprocess.run(command, capture_output=True, text=True)
            sys.stdout.write(f"{source}: {result.stdout}{result.stderr}")
            if result.returncode != 0: sys.exit(result.returncode)

if __name__ == "__main__":
    main()
