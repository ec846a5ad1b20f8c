using System.Diagnostics;
using PesanAI.Infrastructure.WhatsApp.Webhooks;
using Xunit.Abstractions;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>
/// Seeded, count-bounded fuzzing: every fixture mutated <see cref="MutationsPerFixture"/> times with fixed
/// seeds (a failure names fixture, seed and mutations, so it can be replayed). Neither the parser nor the
/// pre-signature routing read may throw, and whatever the parser accepts must route by ids the routing
/// read returned: the parse can never name a phone number whose app secret was not the one checked.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int MutationsPerFixture = 160;

    [Fact]
    public void Mutated_payloads_never_throw_and_parse_only_routed_ids()
    {
        var stopwatch = Stopwatch.StartNew();
        var names = Fixtures.Names;
        int payloads = 0, parsed = 0, routed = 0;
        for (var f = 0; f < names.Count; f++)
        {
            var source = Fixtures.Bytes(names[f]);
            for (var i = 0; i < MutationsPerFixture; i++)
            {
                var seed = (f * 10_000) + i;
                var body = Mutator.Mutate(source, new Random(seed), out var mutations);
                var label = $"{names[f]} seed {seed} ({mutations})";
                var exception = Record.Exception(() => Check(body, label, ref parsed, ref routed));
                Assert.True(exception is null, $"{label}: {exception}");
                payloads++;
            }
        }

        output.WriteLine($"{payloads} payloads, {parsed} parsed, {routed} routed, {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(names.Count * MutationsPerFixture, payloads);

        // The mutations must not all be fatal, nor all harmless: both outcomes are exercised.
        Assert.InRange(parsed, payloads / 10, payloads - (payloads / 10));
        Assert.InRange(routed, payloads / 10, payloads - (payloads / 10));
    }

    [Fact]
    public void Mutations_are_reproducible_from_their_seed()
    {
        var source = Fixtures.Bytes("multi_entry");
        var first = Mutator.Mutate(source, new Random(1234), out var a);
        var second = Mutator.Mutate(source, new Random(1234), out var b);
        Assert.Equal(a, b);
        Assert.Equal(first, second);
        Assert.NotEqual(source, first);
    }

    private static void Check(byte[] body, string label, ref int parsed, ref int routed)
    {
        var routable = WebhookRouting.TryRead(body, out var keys);
        Assert.True(WebhookRouting.TryReadPhoneNumberIds(body, out var ids) == routable, label);
        if (routable)
        {
            routed++;
            Assert.Equal(keys!.PhoneNumberIds, ids);
        }

        if (!WebhookPayload.TryParse(body, out var result, out var error))
        {
            Assert.False(string.IsNullOrEmpty(error), label);
            Assert.Null(result);
            return;
        }

        parsed++;
        Assert.Null(error);
        Assert.InRange(result.Problems.Count, 0, 101);
        _ = result.ToString();
        foreach (var change in result.Changes)
        {
            _ = change.ToString();
            Assert.All(change.Messages, m => Assert.True(m.Message.From.IsKnown, label));
            if (routable)
            {
                Assert.True(change.PhoneNumberId is null || keys!.PhoneNumberIds.Contains(change.PhoneNumberId), $"{label}: unrouted phone number id");
                Assert.True(change.WabaId is null || keys!.WabaIds.Contains(change.WabaId), $"{label}: unrouted WABA id");
            }
        }
    }
}
