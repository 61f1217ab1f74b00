import PantauKit
@main struct Main { static func main() {} }
