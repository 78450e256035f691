import MLHubCommands

MLHub.main()
