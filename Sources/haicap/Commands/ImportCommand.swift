import ArgumentParser

/// `haicap import …`: load data files into the database.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Nạp dữ liệu từ tệp vào cơ sở dữ liệu.",
        subcommands: [ImportLegalCommand.self, ImportProceduresCommand.self])
}
