import MLHubCommands

await MLHub.runFromCommandLine()
