using System.Net;
using System.Text;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// Mutated payloads (seeded, so a failure reproduces), correctly signed so they get past the signature and
/// into the parser and the store: never a 5xx, whatever the bytes.
/// </summary>
public sealed class WebhookFuzzTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private const int Seed = 20261124;
    private const int Cases = 400;

    [Fact]
    public async Task Signed_mutations_of_documented_payloads_never_get_a_5xx()
    {
        var bed = new InboundBed(app);
        var tenant = await bed.TenantAsync();
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "MetaFixtures"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => Encoding.UTF8.GetBytes(File.ReadAllText(path).Replace("106540352242922", tenant.PhoneNumberId, StringComparison.Ordinal)))
            .ToList();
        var random = new Random(Seed);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var original = fixtures[random.Next(fixtures.Count)];
            var mutated = Mutate(original, random);
            var response = await bed.PostBytesAsync(mutated, tenant.AppSecret);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"case {i} (seed {Seed}): {(int)response.StatusCode} {Encoding.UTF8.GetString(mutated)[..Math.Min(200, mutated.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(HttpStatusCode.OK, (await bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "masih hidup", DateTimeOffset.UtcNow), tenant.AppSecret)).StatusCode);
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = input.ToList();
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && bytes.Count > 2; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(1 + random.Next(20), bytes.Count - at));
                    break;
                case 3:
                    var length = Math.Min(1 + random.Next(40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new[] { "null", "[]", "{}", "\"\"", "-1e999", "true", "\"\\ud800\"" }[random.Next(7)]));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', 1 + random.Next(200))));
                    break;
            }
        }

        return [.. bytes];
    }
}
