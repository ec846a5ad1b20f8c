extern alias client;

using System.Net.Http.Json;
using System.Text.Json;
using PesanAI.FunctionalTests.Messaging;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Numbers;

/// <summary>A sending tenant plus what the number-health tests change at the emulator and read back with GetTenant.</summary>
internal sealed class HealthBed(PesanAiApp app)
{
    public MessagingBed Messaging { get; } = new(app);

    public async Task<TenantsApi.PhoneNumber> NumberAsync(SendingTenant tenant)
    {
        var read = await app.OperatorTenants().GetTenantAsync(new TenantsApi.GetTenantRequest { Id = tenant.TenantId });
        return read.PhoneNumbers.Single(p => p.PhoneNumberId == tenant.PhoneNumberId);
    }

    public async Task<string> WabaOfAsync(SendingTenant tenant) => (await NumberAsync(tenant)).WabaId;

    /// <summary>An admin call at the emulator that posts a webhook; asserts PesanAI answered 200 and waits until it was processed.</summary>
    public async Task<JsonElement> EmulatorAsync(string path, object body)
    {
        using var emulator = app.Emulator();
        using var response = await emulator.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        foreach (var status in Statuses(answer))
        {
            Assert.Equal(200, status);
        }

        await app.UntilInboundProcessedAsync();
        return answer;
    }

    /// <summary>Posts a health webhook as given, for the WABA.</summary>
    public Task<JsonElement> RawWebhookAsync(string wabaId, string field, object value) =>
        EmulatorAsync($"/_emulator/wabas/{wabaId}/webhook", new { field, value });

    /// <summary>The accept times of the number's sends at the emulator, in order.</summary>
    public async Task<List<DateTimeOffset>> AcceptedAtAsync(SendingTenant tenant, int atLeast)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var sends = await Messaging.EmulatorMessagesAsync(tenant);
            var times = sends.EnumerateArray().Select(m => m.GetProperty("accepted_at").GetDateTimeOffset()).Order().ToList();
            if (times.Count >= atLeast || DateTimeOffset.UtcNow > deadline)
            {
                return times;
            }

            await Task.Delay(50);
        }
    }

    private static IEnumerable<int> Statuses(JsonElement answer)
    {
        if (answer.TryGetProperty("webhook_status", out var one) && one.ValueKind == JsonValueKind.Number)
        {
            yield return one.GetInt32();
        }

        if (answer.TryGetProperty("webhook_statuses", out var many))
        {
            foreach (var status in many.EnumerateArray())
            {
                yield return status.GetInt32();
            }
        }
    }
}
