extern alias client;

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Messaging;

namespace PesanAI.FunctionalTests;

/// <summary>
/// Everything the host logs, at every level, while customers write, deliveries race (failed inserts), and messages
/// go out and fail: no phone number and no message text may appear.
/// </summary>
public sealed class PrivacyLogTests(PrivacyLogTests.LoggedApp fixture) : IClassFixture<PrivacyLogTests.LoggedApp>
{
    [Fact]
    public async Task Logs_carry_no_phone_number_and_no_message_text()
    {
        var bed = new MessagingBed(fixture.App);
        var inbound = new InboundBed(fixture.App);
        var tenant = await bed.TenantAsync();
        var expired = await bed.TenantAsync("Toko Kedaluwarsa", tokenExpiredAtMeta: true);
        var customer = InboundBed.NewWaId();
        const string secretText = "Alamat saya Jl. Rahasia 7, kode 4242";

        await bed.CustomerWritesAsync(tenant, customer, secretText);
        await bed.CustomerWritesAsync(expired, customer, secretText);
        var payload = MetaPayloads.Text(tenant.PhoneNumberId, customer, InboundBed.NewWamid(), secretText, DateTimeOffset.UtcNow);
        var secret = await AppSecretAsync(tenant);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => inbound.PostAsync(payload, secret)));
        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, secretText));
        var failed = await expired.Messaging.SendMessageAsync(MessagingBed.Text(expired, customer, secretText));
        await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status >= client::PesanAI.Protos.Conversations.V1.DeliveryStatus.Read);
        await MessagingBed.UntilAsync(expired, failed.Message.MessageId, m => m.SendState == client::PesanAI.Protos.Conversations.V1.SendState.Failed);

        var lines = fixture.Lines.ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains(customer, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Rahasia", StringComparison.Ordinal));
    }

    [Fact]
    public void Marten_logs_failed_commands_without_their_parameters()
    {
        // Marten's default logger writes a failed command's parameters: customer link ids carry phone numbers.
        var store = (Marten.IDocumentStore)fixture.App.Services.GetService(typeof(Marten.IDocumentStore))!;
        var logger = Assert.IsType<PesanAI.Infrastructure.Persistence.RedactingMartenLogger>(store.Options.Logger());
        using var command = new Npgsql.NpgsqlCommand("insert into x values ($1)") { Parameters = { new Npgsql.NpgsqlParameter { Value = "wa:6281299990000" } } };
        var before = fixture.Lines.Count;

        using var session = store.QuerySession();
        logger.StartSession(session).LogFailure(command, new InvalidOperationException("boom"));

        Assert.True(fixture.Lines.Count > before);
        Assert.DoesNotContain(fixture.Lines, l => l.Contains("6281299990000", StringComparison.Ordinal));
    }

    // The bed registers numbers with a generated app secret; the emulator knows it.
    private async Task<string> AppSecretAsync(SendingTenant tenant)
    {
        using var emulator = fixture.App.Emulator();
        using var numbers = System.Text.Json.JsonDocument.Parse(await emulator.GetStringAsync("/_emulator/numbers"));
        return numbers.RootElement.EnumerateArray().Single(n => n.GetProperty("phone_number_id").GetString() == tenant.PhoneNumberId)
            .GetProperty("app_secret").GetString()!;
    }

    public sealed class LoggedApp : IAsyncLifetime, ILoggerProvider
    {
        public LoggedApp() => App = new PesanAiApp
        {
            LoggerProvider = this,
            Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
        };

        public PesanAiApp App { get; }

        public ConcurrentQueue<string> Lines { get; } = new();

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Capture(LoggedApp owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
