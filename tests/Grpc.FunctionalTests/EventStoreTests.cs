extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PesanAI.FunctionalTests;

public sealed class EventStoreTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TenantService.TenantServiceClient _tenants = app.OperatorTenants();

    [Fact]
    public async Task Every_event_records_the_actor_correlation_and_causation()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Jejak" });
        await _tenants.UpdateBusinessProfileAsync(new UpdateBusinessProfileRequest { TenantId = tenant.Id, BusinessProfile = new BusinessProfile { About = "x" } });

        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(Guid.Parse(tenant.Id));

        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(PesanAiApp.OperatorClientId, e.UserName);
            Assert.False(string.IsNullOrEmpty(e.CorrelationId));
            Assert.False(string.IsNullOrEmpty(e.CausationId));
        });
        Assert.NotEqual(events[0].CausationId, events[1].CausationId);
    }

    [Fact]
    public async Task Phone_number_secrets_are_stored_encrypted_and_the_verify_token_only_as_a_hash()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Rahasia" });
        await _tenants.RegisterPhoneNumberAsync(TenantLifecycleTests.Registration(tenant.Id, TenantLifecycleTests.NewPhoneNumberId()));

        var stored = await AllStoredText();

        Assert.Contains(tenant.Id, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("EAAG-secret-access-token", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("app-secret-0123456789abcdef", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("verify-me-please", stored, StringComparison.Ordinal);
    }

    /// <summary>Every event and document row as text, the way someone reading the database would see it.</summary>
    private async Task<string> AllStoredText()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(string_agg(data::text, E'\\n'), '') from pesanai.mt_events " +
            "union all select coalesce(string_agg(data::text, E'\\n'), '') from pesanai.mt_doc_tenant",
            connection);
        var text = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            text.Add(reader.GetString(0));
        }

        return string.Join('\n', text);
    }
}
