using PesanAI.CloudApiEmulator;

// Options from appsettings.json, then environment variables (Emulator__WebhookUrl=...), then the command line
// (--Emulator:WebhookUrl=...).
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();
var options = configuration.GetSection(EmulatorOptions.Section).Get<EmulatorOptions>() ?? new EmulatorOptions();

var app = EmulatorHost.Build(options, args);
var address = await EmulatorHost.StartAsync(app);
app.Logger.LogInformation(
    "Cloud API emulator on {Address}; webhooks to {WebhookUrl}; {Numbers} numbers seeded",
    address,
    options.WebhookUrl?.ToString() ?? "(none: set Emulator__WebhookUrl)",
    options.Numbers.Count);
await app.WaitForShutdownAsync();
