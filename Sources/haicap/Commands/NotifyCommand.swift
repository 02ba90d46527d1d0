import ArgumentParser

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Thông báo: gửi thử qua từng kênh, đặt e-mail và Zalo của tài khoản.",
        subcommands: [NotifyTestCommand.self, NotifyContactCommand.self])
}
