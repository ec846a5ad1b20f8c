using PesanAI.Application.Inbound;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Tests.Inbound;

public sealed class IngestPartsTests
{
    private static readonly Guid Tenant = Guid.Parse("5d0b6a3e-2a0c-4c55-9b61-1f0f3c6a2e11");
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-25T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(31, 1)]
    [InlineData(32, 2)]
    [InlineData(63, 2)]
    [InlineData(64, 4)]
    [InlineData(100, 4)]
    [InlineData(128, 8)]
    [InlineData(1_000, 8)]
    public void Parts_grow_with_the_customers_in_powers_of_two(int customers, int parts) =>
        Assert.Equal(parts, IngestParts.PartsFor(customers));

    [Fact]
    public void A_webhook_with_few_customers_stays_whole()
    {
        var changes = new[] { Change("111", Enumerable.Range(0, 31).Select(i => Message($"w{i}", Wa(i))).ToArray()) };

        var parts = IngestParts.Split(Tenant, changes);

        Assert.Same(changes, Assert.Single(parts));
    }

    [Fact]
    public void Every_message_status_and_preference_lands_in_exactly_one_part_with_its_customer_in_order()
    {
        // 100 customers on two numbers; customer i writes twice (in order), gets a status and a preference.
        var changes = new[] { "111", "222" }.Select(number => new InboundChange(
                number,
                [.. Enumerable.Range(0, 50).SelectMany(i => new[] { Message($"{number}-{i}-a", Wa(i)), Message($"{number}-{i}-b", Wa(i)) })],
                [.. Enumerable.Range(0, 50).Select(i => Status($"{number}-out-{i}", Wa(i)))])
            {
                Preferences = [.. Enumerable.Range(0, 50).Select(i => new CustomerPreference(Wa(i), "marketing_messages", "stop", null, At))],
            })
            .ToArray();

        var parts = IngestParts.Split(Tenant, changes);

        Assert.Equal(4, parts.Count);
        var messages = parts.SelectMany(p => p.SelectMany(c => c.Messages)).Select(m => m.Wamid).ToList();
        Assert.Equal(changes.SelectMany(c => c.Messages).Select(m => m.Wamid).Order(), messages.Order());
        Assert.Equal(100, parts.Sum(p => p.Sum(c => c.Statuses.Count)));
        Assert.Equal(100, parts.Sum(p => p.Sum(c => c.Preferences.Count)));
        Assert.All(parts, p => Assert.NotEmpty(p));
        foreach (var number in new[] { "111", "222" })
        {
            for (var i = 0; i < 50; i++)
            {
                var waId = Wa(i).WaId;
                var holding = parts
                    .Where(p => p.Any(c => c.PhoneNumberId == number
                        && (c.Messages.Any(m => m.From.WaId == waId) || c.Statuses.Any(s => s.RecipientId == waId) || c.Preferences.Any(x => x.Customer.WaId == waId))))
                    .ToList();
                var part = Assert.Single(holding);
                var change = part.Single(c => c.PhoneNumberId == number);
                Assert.Equal([$"{number}-{i}-a", $"{number}-{i}-b"], change.Messages.Where(m => m.From.WaId == waId).Select(m => m.Wamid));
                Assert.Single(change.Statuses, s => s.RecipientId == waId);
                Assert.Single(change.Preferences, x => x.Customer.WaId == waId);
            }
        }
    }

    [Fact]
    public void The_same_customer_goes_to_the_same_part_in_every_webhook()
    {
        var first = IngestParts.Split(Tenant, [Change("111", [.. Enumerable.Range(0, 64).Select(i => Message($"a{i}", Wa(i)))])]);
        var second = IngestParts.Split(Tenant, [Change("111", [.. Enumerable.Range(0, 64).Reverse().Select(i => Message($"b{i}", Wa(i)))])]);

        static int[] PartOfEach(IReadOnlyList<IReadOnlyList<InboundChange>> parts) =>
            [.. Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, parts.Count).Single(p => parts[p].Any(c => c.Messages.Any(m => m.From.WaId == Wa(i).WaId))))];

        Assert.Equal(PartOfEach(first), PartOfEach(second));
    }

    private static CustomerIdentity Wa(int i) => new("62811" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), null);

    private static InboundChange Change(string number, InboundMessage[] messages) => new(number, messages, []);

    private static InboundMessage Message(string wamid, CustomerIdentity from) => new(wamid, from, MessageContent.OfText("halo"), null, null, At);

    private static StatusUpdate Status(string wamid, CustomerIdentity to) => new(wamid, DeliveryStatus.Delivered, At, to.WaId, [], null);
}
