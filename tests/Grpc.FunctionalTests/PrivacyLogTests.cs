extern alias client;

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Messaging;

namespace PesanAI.FunctionalTests;

/// <summary>
/// Everything the host logs, at every level, while customers write, deliveries race (failed inserts), messages
/// go out and fail, and PostgreSQL refuses a statement: no phone number and no message text may appear, neither in
/// the host's log nor in PostgreSQL's.
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

    [Fact]
    public async Task A_statement_postgresql_refuses_leaves_no_message_text_in_our_log_or_postgresqls()
    {
        var inbound = new InboundBed(fixture.App);
        var tenant = await inbound.TenantAsync();
        var customer = InboundBed.NewWaId();
        var secretText = "Rahasia" + Guid.NewGuid().ToString("N");
        var pgLogBefore = await PostgresLogAsync();
        // PostgreSQL refuses this customer's events as it refuses a jsonb \u0000: error 22P05, whose CONTEXT quotes
        // the JSON up to the escape, message text included.
        await ExecuteAsync(
            $$"""
            create or replace function public.test_refuse_json() returns trigger language plpgsql as $f$
            begin
              perform replace(new.data::text, '{{secretText}}', '{{secretText}}\u0000')::jsonb;
              return new;
            end $f$;
            create or replace trigger test_refuse_json before insert on pesanai.mt_events
              for each row when (new.data::text like '%{{secretText}}%') execute function public.test_refuse_json();
            """);
        var before = fixture.Lines.Count;

        var response = await inbound.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, customer, InboundBed.NewWamid(), secretText, DateTimeOffset.UtcNow), tenant.AppSecret);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var lines = fixture.Lines.Skip(before).ToList();
        Assert.Contains(lines, l => l.Contains("PostgreSQL 22P05", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(secretText, StringComparison.Ordinal) || l.Contains(customer, StringComparison.Ordinal));
        Assert.Equal("terse", await ExecuteAsync("select current_setting('log_error_verbosity')"));
        Assert.Equal("panic", await ExecuteAsync("select current_setting('log_min_error_statement')"));
        if (pgLogBefore is not null)
        {
            // The cluster PesanAI creates logs to server.log in its data folder (a container logs elsewhere).
            var pgLog = (await PostgresLogAsync())![pgLogBefore.Length..];
            Assert.Contains("unsupported Unicode escape sequence", pgLog, StringComparison.Ordinal);
            Assert.DoesNotContain(secretText, pgLog, StringComparison.Ordinal);
            Assert.DoesNotContain(customer, pgLog, StringComparison.Ordinal);
        }
    }

    private async Task<string?> PostgresLogAsync() =>
        await ExecuteAsync("select case when pg_stat_file('server.log', true) is not null then pg_read_file('server.log') end");

    private async Task<string?> ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
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
