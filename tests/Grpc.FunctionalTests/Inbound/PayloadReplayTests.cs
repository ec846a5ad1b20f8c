using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// Every payload shape Meta documents (the parser's fixtures), delivered twice and then several times at
/// once, as Meta's at-least-once, concurrent delivery does: exactly one stored message per wamid.
/// </summary>
public sealed partial class PayloadReplayTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly InboundBed _bed = new(app);

    [Fact]
    public async Task Every_documented_payload_delivered_twice_and_concurrently_stores_one_message_per_wamid()
    {
        var tenant = await _bed.TenantAsync();
        var payloads = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "MetaFixtures"), "*.json")
            .Select(path => PhoneNumberId().Replace(File.ReadAllText(path), $"\"phone_number_id\": \"{tenant.PhoneNumberId}\""))
            .ToList();
        Assert.True(payloads.Count >= 30, $"only {payloads.Count} fixtures");

        foreach (var payload in payloads)
        {
            await Deliver(payload, tenant.AppSecret);
            await Deliver(payload, tenant.AppSecret);
        }

        await Task.WhenAll(payloads.SelectMany(p => Enumerable.Range(0, 3).Select(_ => Deliver(p, tenant.AppSecret))));

        var expected = payloads.SelectMany(StorableWamids).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await StoredWamids());
    }

    private async Task Deliver(string payload, string appSecret)
    {
        var response = await _bed.PostAsync(payload, appSecret);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The wamids of messages whose sender is named (wa_id or business-scoped user id).</summary>
    private static IEnumerable<string> StorableWamids(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var wamids = new List<string>();
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            foreach (var change in entry.GetProperty("changes").EnumerateArray())
            {
                if (!change.GetProperty("value").TryGetProperty("messages", out var messages))
                {
                    continue;
                }

                foreach (var message in messages.EnumerateArray())
                {
                    var from = message.TryGetProperty("from", out var f) ? f.GetString() : null;
                    var userId = message.TryGetProperty("from_user_id", out var u) ? u.GetString() : null;
                    if (message.TryGetProperty("id", out var id) && (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(userId)))
                    {
                        wamids.Add(id.GetString()!);
                    }
                }
            }
        }

        return wamids;
    }

    private async Task<List<string>> StoredWamids()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from pesanai.mt_doc_messagerecord order by id collate \"C\"", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    [GeneratedRegex("\"phone_number_id\"\\s*:\\s*\"[0-9]+\"")]
    private static partial Regex PhoneNumberId();
}
