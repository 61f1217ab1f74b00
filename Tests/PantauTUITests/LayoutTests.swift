import Testing
@testable import PantauTUI

/// `Layout.compute` on its own: the rectangles at each size, drawn as ASCII boxes (as
/// lazygit's window-arrangement tests do), so a change to the layout shows as a picture.
@Suite struct LayoutTests {
    /// Each pane's outline with its number in the top-left corner; `h` is the header
    /// line, `s` the status line. Shrunk by `scale` columns so the picture stays small.
    func picture(_ size: Size, scale: Int = 2, panes registry: PaneRegistry = .standard) -> String {
        guard case .panes(let layout) = Layout.compute(size, panes: registry) else { return "too small" }
        let width = size.width / scale
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: size.height)
        func fill(row: Int, _ character: Character) {
            for x in 0..<width { grid[row][x] = character }
        }
        fill(row: layout.header.y, "h")
        fill(row: layout.status.y, "s")
        for spec in registry.specs {
            let rect = layout.rect(for: spec.id)
            let left = rect.x / scale, right = (rect.x + rect.width) / scale - 1
            let top = rect.y, bottom = rect.y + rect.height - 1
            for x in left...right { grid[top][x] = "-"; grid[bottom][x] = "-" }
            for y in top...bottom { grid[y][left] = "|"; grid[y][right] = "|" }
            grid[top][left] = Character(String(spec.number))
        }
        return grid.map { String($0) }.joined(separator: "\n")
    }

    @Test func eightyByTwentyFour() {
        #expect(picture(Size(width: 80, height: 24)) == """
        hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh
        1--------------------|2----------------|
        |                    ||                |
        |                    ||                |
        |                    ||                |
        |                    ||                |
        |                    ||                |
        |                    ||                |
        |                    ||                |
        |                    ||                |
        |                    ||                |
        |--------------------||----------------|
        3-----------------------|4-------------|
        |                       ||             |
        |                       ||             |
        |                       ||             |
        |                       ||             |
        |                       ||             |
        |                       ||             |
        |                       ||             |
        |                       ||             |
        |                       ||             |
        |-----------------------||-------------|
        ssssssssssssssssssssssssssssssssssssssss
        """)
    }

    @Test func twoHundredBySixty() {
        let lines = picture(Size(width: 200, height: 60), scale: 4).split(separator: "\n")
        #expect(lines.count == 60)
        // Regions take 11/20 of the width, Detail 3/8; the body splits in half.
        #expect(lines[1] == "1-------------------------|2---------------------|")
        #expect(lines[29] == "|-------------------------||---------------------|")
        #expect(lines[30] == "3-----------------------------|4-----------------|")
        #expect(lines[58] == "|-----------------------------||-----------------|")
    }

    @Test(arguments: [(80, 24), (120, 36), (200, 60), (81, 25)])
    func panesTileTheBodyWithoutGapsOrOverlap(width: Int, height: Int) throws {
        let size = Size(width: width, height: height)
        guard case .panes(let layout) = Layout.compute(size) else { Issue.record("too small"); return }
        #expect(layout.header == Rect(x: 0, y: 0, width: width, height: 1))
        #expect(layout.status == Rect(x: 0, y: height - 1, width: width, height: 1))
        var covered = Array(repeating: 0, count: width * height)
        for rect in [layout.header, layout.status] + PaneRegistry.standard.panes.map(layout.rect(for:)) {
            #expect(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width && rect.y + rect.height <= height)
            for y in rect.y..<(rect.y + rect.height) { for x in rect.x..<(rect.x + rect.width) { covered[y * width + x] += 1 } }
        }
        #expect(covered.allSatisfy { $0 == 1 })
        // Regions and Indicators side by side on top, Recommendations and Detail below.
        #expect(layout.rect(for: .regions).y == layout.rect(for: .indicators).y)
        #expect(layout.rect(for: .recommendations).y == layout.rect(for: .detail).y)
        #expect(layout.rect(for: .regions).width >= 44)
        #expect(layout.rect(for: .detail).width >= 30)
    }

    @Test(arguments: [(79, 24), (80, 23), (40, 12)])
    func belowEightyByTwentyFourEveryPaneTakesTheWholeBody(width: Int, height: Int) throws {
        guard case .panes(let layout) = Layout.compute(Size(width: width, height: height)) else {
            Issue.record("no layout at \(width)x\(height)"); return
        }
        #expect(layout.single)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        #expect([layout.rect(for: .regions), layout.rect(for: .indicators), layout.rect(for: .recommendations), layout.rect(for: .detail)].allSatisfy { $0 == body })
        #expect(layout.status == Rect(x: 0, y: height - 1, width: width, height: 1))
    }

    @Test(arguments: [(39, 24), (80, 11), (20, 5)])
    func belowFortyByTwelveIsTooSmall(width: Int, height: Int) {
        #expect(Layout.compute(Size(width: width, height: height)) == .tooSmall(need: Size(width: 40, height: 12)))
    }
}
