import Testing
@testable import PantauKit

private func code(_ text: String) -> RegionCode { RegionCode(text)! }

@Suite struct RegionCodeTests {
    @Test(arguments: ["0", "11", "32", "32.01", "35.17", "32.01.01", "32.01.01.1001", "64.74.03.1004", "99.99.99.9999"])
    func validShapes(text: String) throws {
        let parsed = try #require(RegionCode(text))
        #expect(parsed.text == text)
        #expect(parsed.description == text)
    }

    @Test(arguments: ["", "1", "320", "32.1", "32.001", "3201", "32.", ".32", "32..01", "32.01.01.001", "32.01.01.10001",
                      "32.01.01.1001.01", "3A", "32.0a", " 32", "32 ", "+3", "-32", "00.", "0.01", "32,01", "٣٢"])
    func invalidShapes(text: String) {
        #expect(RegionCode(text) == nil)
    }

    @Test func levels() {
        #expect(RegionCode.indonesia.level == .nasional)
        #expect(code("32").level == .provinsi)
        #expect(code("32.01").level == .kabupatenKota)
        #expect(code("32.01.01").level == .kecamatan)
        #expect(code("32.01.01.1001").level == .desa)
        #expect(RegionLevel.desa.title(.id) == "desa/kelurahan")
        #expect(RegionLevel.kabupatenKota.title(.en) == "regency/city")
    }

    @Test func parents() {
        #expect(RegionCode.indonesia.parent == nil)
        #expect(code("32").parent == .indonesia)
        #expect(code("32.01").parent == code("32"))
        #expect(code("32.01.01").parent == code("32.01"))
        #expect(code("32.01.01.1001").parent == code("32.01.01"))
    }

    @Test func ancestors() {
        #expect(RegionCode.indonesia.ancestors == [])
        #expect(code("35").ancestors == [.indonesia])
        #expect(code("32.01.01.1001").ancestors == [.indonesia, code("32"), code("32.01"), code("32.01.01")])
    }

    @Test func descendants() {
        #expect(code("32.01").isDescendant(of: code("32")))
        #expect(code("32.01.01.1001").isDescendant(of: code("32")))
        #expect(code("32.01.01.1001").isDescendant(of: code("32.01.01")))
        #expect(code("32").isDescendant(of: .indonesia))
        #expect(!code("32").isDescendant(of: code("32")))
        #expect(!RegionCode.indonesia.isDescendant(of: .indonesia))
        #expect(!code("32").isDescendant(of: code("32.01")))
        #expect(!code("33.01").isDescendant(of: code("32")))
        #expect(!code("32.73").isDescendant(of: code("32.01")))
        #expect(!RegionCode.indonesia.isDescendant(of: code("32")))
    }

    @Test func orderingPutsIndonesiaFirstThenCodeOrder() {
        let shuffled = ["35.17", "32.01.01.1001", "0", "32.01.02", "11", "32", "32.01", "32.01.01", "94.71", "32.73"].map(code)
        #expect(shuffled.sorted().map(\.text)
            == ["0", "11", "32", "32.01", "32.01.01", "32.01.01.1001", "32.01.02", "32.73", "35.17", "94.71"])
        #expect(RegionCode.indonesia < code("11"))
        #expect(!(code("11") < .indonesia))
        #expect(!(RegionCode.indonesia < .indonesia))
        #expect(code("32") < code("32.01"))
    }
}

@Suite struct LocalDateTests {
    @Test func isoParsing() throws {
        let date = try #require(LocalDate(iso: "2024-02-12"))
        #expect(date.year == 2024 && date.month == 2 && date.day == 12)
        #expect(date.iso == "2024-02-12")
        #expect(date.description == "2024-02-12")
        #expect(LocalDate(year: 987, month: 1, day: 5)?.iso == "0987-01-05")
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
                      "2024-1-05", "2024/01/05", "24-01-05", "2024-01-5 ", "2024-01-05T00:00", "", "abcd-ef-gh", "0000-01-01",
                      "2024-0a-01", "+024-01-01"])
    func invalidDates(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func leapYears() {
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2000-02-29") != nil)
        #expect(LocalDate(iso: "2100-02-29") == nil)
        #expect(LocalDate(iso: "2023-02-28") != nil)
        #expect(LocalDate(year: 2024, month: 12, day: 31) != nil)
        #expect(LocalDate(year: 2024, month: 6, day: 31) == nil)
    }

    @Test func daysUntil() throws {
        let start = try #require(LocalDate(iso: "2024-01-01"))
        #expect(start.days(until: try #require(LocalDate(iso: "2024-01-01"))) == 0)
        #expect(start.days(until: try #require(LocalDate(iso: "2024-03-01"))) == 60)  // 31 + 29
        #expect(start.days(until: try #require(LocalDate(iso: "2025-01-01"))) == 366)
        #expect(try #require(LocalDate(iso: "2023-01-01")).days(until: start) == 365)
        #expect(try #require(LocalDate(iso: "2024-03-01")).days(until: start) == -60)
        #expect(try #require(LocalDate(iso: "1970-01-01")).dayNumber == 0)
        #expect(try #require(LocalDate(iso: "2000-03-01")).dayNumber == 11_017)
    }

    @Test func ordering() throws {
        let dates = ["2024-02-12", "2023-12-31", "2024-01-31", "2024-02-01"].compactMap { LocalDate(iso: $0) }
        #expect(dates.sorted().map(\.iso) == ["2023-12-31", "2024-01-31", "2024-02-01", "2024-02-12"])
    }
}

@Suite struct FormatTests {
    @Test func indonesianNumbers() {
        #expect(Format.number(7.05, decimals: 2, .id) == "7,05")
        #expect(Format.number(1_234_567, decimals: 0, .id) == "1.234.567")
        #expect(Format.integer(1_234_567, .id) == "1.234.567")
        #expect(Format.number(1234.5, decimals: 2, .id) == "1.234,50")
        #expect(Format.number(24.4, decimals: 1, .id) == "24,4")
        #expect(Format.number(999, decimals: 0, .id) == "999")
        #expect(Format.number(1000, decimals: 0, .id) == "1.000")
        #expect(Format.number(0.05, decimals: 2, .id) == "0,05")
        #expect(Format.number(-3.5, decimals: 1, .id) == "-3,5")
        #expect(Format.number(-0.001, decimals: 2, .id) == "0,00")
        #expect(Format.number(9.125, decimals: 0, .id) == "9")
        #expect(Format.number(2.5, decimals: 0, .id) == "3")
    }

    @Test func englishNumbers() {
        #expect(Format.number(7.05, decimals: 2, .en) == "7.05")
        #expect(Format.number(1_234_567, decimals: 0, .en) == "1,234,567")
        #expect(Format.integer(7408, .en) == "7,408")
        #expect(Format.number(1234.5, decimals: 2, .en) == "1,234.50")
    }

    @Test func dates() throws {
        let feb = try #require(LocalDate(iso: "2024-02-12"))
        let aug = try #require(LocalDate(iso: "2024-08-12"))
        #expect(Format.date(feb, .id) == "12 Feb 2024")
        #expect(Format.date(aug, .id) == "12 Agu 2024")
        #expect(Format.date(aug, .en) == "12 Aug 2024")
        #expect(Format.date(try #require(LocalDate(iso: "2024-05-01")), .id) == "1 Mei 2024")
        #expect(Format.date(try #require(LocalDate(iso: "2024-05-01")), .en) == "1 May 2024")
        #expect(Format.date(try #require(LocalDate(iso: "2024-10-31")), .id) == "31 Okt 2024")
        #expect(Format.date(try #require(LocalDate(iso: "2024-12-31")), .id) == "31 Des 2024")
    }

    @Test func valuesWithUnits() {
        #expect(Format.value(7.05, decimals: 2, unit: .percent, .id) == "7,05 %")
        #expect(Format.value(7.05, decimals: 2, unit: .percent, .en) == "7.05%")
        #expect(Format.value(1_234_567, decimals: 0, unit: .people, .id) == "1.234.567 jiwa")
        #expect(Format.value(1_234_567, decimals: 0, unit: .people, .en) == "1,234,567 people")
        #expect(Format.value(7408, decimals: 0, unit: .families, .id) == "7.408 KK")
        #expect(Format.value(7408, decimals: 0, unit: .families, .en) == "7,408 families")
        #expect(Format.value(0.0123, decimals: 4, unit: .index, .id) == "0,0123")
        #expect(Format.value(0.0123, decimals: 4, unit: .index, .en) == "0.0123")
    }

    @Test func signedDifferences() {
        #expect(Format.signed(2.55, decimals: 2, .id) == "+2,55")
        #expect(Format.signed(-0.3, decimals: 1, .id) == "\u{2212}0,3")
        #expect(Format.signed(-0.3, decimals: 1, .en) == "\u{2212}0.3")
        #expect(Format.signed(1234, decimals: 0, .en) == "+1,234")
        #expect(Format.signed(0, decimals: 0, .id) == "0")
        #expect(Format.signed(0, decimals: 2, .id) == "0,00")
        #expect(Format.signed(-0.001, decimals: 2, .id) == "0,00")  // rounds to zero: no sign
        #expect(Format.signed(0.004, decimals: 2, .en) == "0.00")
    }
}

@Suite struct NumberParserTests {
    @Test func accepted() throws {
        let cases: [(String, Double, Int)] = [
            ("7.05", 7.05, 2), ("7,05", 7.05, 2), ("-3", -3, 0), ("24.4", 24.4, 1), ("0", 0, 0), ("100", 100, 0),
            ("9.15", 9.15, 2), ("8.60", 8.6, 2), ("7.0", 7, 1), ("7.00", 7, 2), ("007", 7, 0), ("-0.5", -0.5, 1),
            ("1.234", 1.234, 3), ("123456789012345", 123_456_789_012_345, 0),
        ]
        for (text, value, decimals) in cases {
            let parsed = try #require(NumberParser.parse(text), "\(text)")
            #expect(parsed.value == value, "\(text)")
            #expect(parsed.decimals == decimals, "\(text)")
        }
    }

    @Test(arguments: ["", "-", "1.234.5", "1,234,567", "1.234,5", "abc", "7.", ".5", ",5", "+5", " 7", "7 ", "1e3", "--1",
                      "\u{2212}3", "7%", "1234567890123456", "0x10", "٣"])
    func rejected(text: String) {
        #expect(NumberParser.parse(text) == nil)
    }
}

@Suite struct LanguageTests {
    @Test func fromEnvironment() {
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "id_ID.UTF-8"]) == .id)
        #expect(Language.fromEnvironment(["LANG": ""]) == .id)
        #expect(Language.fromEnvironment([:]) == .id)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .id)
        #expect(Language.fromEnvironment(["LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"]) == .id)
        #expect(Language.fromEnvironment(["LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "", "LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_MESSAGES": "en_US.UTF-8", "LANG": "id_ID.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "id_ID", "LC_MESSAGES": "en_US.UTF-8"]) == .id)
    }

    @Test func pick() {
        #expect(Language.id.pick("galat", "error") == "galat")
        #expect(Language.en.pick("galat", "error") == "error")
    }
}

@Suite struct DisplayTextTests {
    @Test func plainTextIsUnchanged() {
        #expect(DisplayText.sanitize("Kabupaten Bogor") == "Kabupaten Bogor")
        #expect(DisplayText.sanitize("Désa Cibinông 中文 ＝ 😀") == "Désa Cibinông 中文 ＝ 😀")
    }

    @Test func sanitizeRemovesControls() {
        // An escape sequence loses its ESC, so the terminal never sees it.
        let clear = DisplayText.sanitize("a\u{1B}[2Jb\u{1B}]0;title\u{07}c")
        #expect(!clear.unicodeScalars.contains("\u{1B}"))
        #expect(!clear.unicodeScalars.contains("\u{07}"))
        #expect(clear == "a\u{FFFD}[2Jb\u{FFFD}]0;title\u{FFFD}c")
        // C1 controls (CSI U+009B, NEL U+0085) and DEL.
        #expect(DisplayText.sanitize("x\u{9B}31my\u{85}z\u{7F}") == "x\u{FFFD}31my\u{FFFD}z\u{FFFD}")
        // Tabs and line breaks become spaces.
        #expect(DisplayText.sanitize("a\tb\nc\rd") == "a b c d")
        #expect(DisplayText.sanitize("\u{0}") == "\u{FFFD}")
    }

    @Test func sanitizeRemovesBidiControls() {
        #expect(DisplayText.sanitize("abc\u{202E}fed") == "abcfed")
        #expect(DisplayText.sanitize("\u{2066}x\u{2069}y") == "xy")
        #expect(DisplayText.sanitize("a\u{202A}b\u{202B}c\u{202C}d\u{202D}e\u{2067}f\u{2068}g\u{200E}h\u{200F}i\u{61C}j")
            == "abcdefghij")
        #expect(DisplayText.sanitize("\u{1B}\u{202E}\u{2066}") == "\u{FFFD}")
    }

    @Test func widths() {
        #expect(DisplayText.width("\u{FF1D}" as Unicode.Scalar) == 2)  // ＝ fullwidth equals
        #expect(DisplayText.width("＝") == 2)
        #expect(DisplayText.width("中") == 2)
        #expect(DisplayText.width("\u{301}" as Unicode.Scalar) == 0)  // combining acute
        #expect(DisplayText.width("e\u{301}") == 1)
        #expect(DisplayText.width("😀") == 2)
        #expect(DisplayText.width("▲") == 1)
        #expect(DisplayText.width("a") == 1)
        #expect(DisplayText.width("Désa") == 4)
        #expect(DisplayText.width("中文 ab") == 7)
        #expect(DisplayText.width("\u{200B}") == 0)
        #expect(DisplayText.width("") == 0)
        #expect(DisplayText.width("한") == 2)
    }

    @Test func truncate() {
        #expect(DisplayText.truncate("Kabupaten Bogor", to: 20) == "Kabupaten Bogor")
        #expect(DisplayText.truncate("Kabupaten Bogor", to: 15) == "Kabupaten Bogor")
        #expect(DisplayText.truncate("Kabupaten Bogor", to: 10) == "Kabupaten…")
        #expect(DisplayText.truncate("Kabupaten Bogor", to: 1) == "…")
        #expect(DisplayText.truncate("Kabupaten Bogor", to: 0) == "")
        // A wide character that would straddle the limit is left out.
        #expect(DisplayText.truncate("中文字", to: 4) == "中…")
        #expect(DisplayText.width(DisplayText.truncate("中文字", to: 4)) == 3)
        #expect(DisplayText.truncate("中文字", to: 5) == "中文…")
        #expect(DisplayText.truncate("中文字", to: 6) == "中文字")
        #expect(DisplayText.truncate("中", to: 1) == "…")
    }

    @Test func truncateIsNeverWiderThanAsked() {
        let samples = ["Kabupaten Bogor", "中文字中文字", "a中b文c", "De\u{301}sa Ci\u{301}binong", "😀😀😀", "x"]
        for sample in samples {
            for columns in 0...14 {
                let cut = DisplayText.truncate(sample, to: columns)
                #expect(DisplayText.width(cut) <= columns, "\(sample) → \(cut) at \(columns)")
            }
        }
    }

    @Test func pad() {
        #expect(DisplayText.pad("Bogor", to: 8) == "Bogor   ")
        #expect(DisplayText.pad("Bogor", to: 8, alignRight: true) == "   Bogor")
        #expect(DisplayText.pad("中", to: 3) == "中 ")
        #expect(DisplayText.pad("中文字", to: 4) == "中… ")
        #expect(DisplayText.pad("Kabupaten Bogor", to: 6) == "Kabup…")
        #expect(DisplayText.pad("7,05 %", to: 8, alignRight: true) == "  7,05 %")
        for columns in 0...8 {
            #expect(DisplayText.width(DisplayText.pad("中文 ab", to: columns)) == columns)
        }
    }

    @Test func wrap() {
        #expect(DisplayText.wrap("satu dua tiga empat", columns: 8) == ["satu dua", "tiga", "empat"])
        #expect(DisplayText.wrap("satu dua", columns: 20) == ["satu dua"])
        #expect(DisplayText.wrap("abcdefghij", columns: 4) == ["abcd", "efgh", "ij"])
        #expect(DisplayText.wrap("ab abcdefghij", columns: 4) == ["ab", "abcd", "efgh", "ij"])
        #expect(DisplayText.wrap("baris satu\nbaris dua", columns: 20) == ["baris satu", "baris dua"])
        #expect(DisplayText.wrap("a\n\nb", columns: 5) == ["a", "", "b"])
        #expect(DisplayText.wrap("", columns: 5) == [""])
        #expect(DisplayText.wrap("anything", columns: 0) == [])
        #expect(DisplayText.wrap("中文 中文字", columns: 4) == ["中文", "中文", "字"])
        #expect(DisplayText.wrap("x\u{1B}[31m merah", columns: 20) == ["x\u{FFFD}[31m merah"])
    }

    @Test func wrappedLinesFitTheWidth() {
        let text = "Jadwalkan PMT lokal 90 hari untuk seluruh baduta kasus audit dan lengkapi pencatatan penimbangan bulanan di e-PPGBM."
        for columns in 5...40 {
            let lines = DisplayText.wrap(text, columns: columns)
            #expect(lines.allSatisfy { DisplayText.width($0) <= columns }, "columns \(columns)")
            #expect(lines.joined(separator: " ").split(separator: " ").joined() == text.split(separator: " ").joined())
        }
    }

    @Test
    func wrapWideCharacterInOneColumn() {
        #expect(DisplayText.wrap("中", columns: 1) == ["中"])
    }
}

@Suite struct TextFoldingTests {
    @Test func folding() {
        #expect(TextFolding.fold("Kabupaten BOGOR") == "kabupaten bogor")
        #expect(TextFolding.fold("Désa Cibinông") == "desa cibinong")
        #expect(TextFolding.fold("De\u{301}sa") == "desa")
        #expect(TextFolding.fold("ÉCOLE") == "ecole")
    }
}
