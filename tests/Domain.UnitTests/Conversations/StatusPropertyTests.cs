using CsCheck;
using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class StatusPropertyTests
{
    private static readonly string[] Wamids = ["wamid.out1", "wamid.out2", "wamid.out3"];

    // Failed and Unknown less often than the ordered statuses, so that long forward runs come up as well.
    private static readonly Gen<DeliveryStatus> AnyStatus = Gen.Frequency<DeliveryStatus>(
        (4, Gen.OneOf(DeliveryStatus.Accepted, DeliveryStatus.Sent, DeliveryStatus.Delivered, DeliveryStatus.Read, DeliveryStatus.Played)),
        (1, Gen.OneOf(DeliveryStatus.Failed, DeliveryStatus.Unknown)));

    // A few wamids interleaved, so that statuses of one message must not move another.
    private static readonly Gen<(int Wamid, DeliveryStatus Status)[]> Reports = Gen.Select(Gen.Int[0, Wamids.Length - 1], AnyStatus).Array[0, 30];

    [Fact]
    public void Each_message_ends_at_its_furthest_status_through_strictly_forward_events()
    {
        Gen.Select(Gen.Bool, Reports).Sample((withoutConversation, reports) =>
        {
            var state = withoutConversation ? null : Given(Received());
            var recorded = Wamids.ToDictionary(w => w, _ => new List<DeliveryStatus>());
            var now = StartedAt;
            foreach (var (wamid, status) in reports)
            {
                now = now.AddSeconds(1);
                var events = Apply(state, Status(status, Wamids[wamid], at: now), now);
                state = Fold(state, events);
                recorded[Wamids[wamid]].AddRange(events.OfType<MessageStatusChanged>().Select(e => e.Status));
            }

            foreach (var wamid in Wamids)
            {
                var reported = reports.Where(r => Wamids[r.Wamid] == wamid).Select(r => r.Status).ToList();
                var expected = Expected(reported);
                Assert.Equal(expected, state?.StatusOf(wamid));

                var steps = recorded[wamid];
                Assert.Equal(expected, steps.Count == 0 ? null : steps[^1]);
                Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.True(Order(pair.First) < Order(pair.Second), $"{pair.Second} recorded after {pair.First}."));
                Assert.True(steps.Count <= reported.Where(s => s != DeliveryStatus.Unknown).Distinct().Count());
            }
        }, iter: 2000);
    }

    [Fact]
    public void Folding_every_reported_status_undecided_gives_the_same_statuses_as_deciding_each()
    {
        // As if concurrent writers had appended every status they saw: the fold alone must still never move back.
        Reports.Sample(reports =>
        {
            var decided = Given();
            var undecided = Given();
            foreach (var (wamid, status) in reports)
            {
                decided = Fold(decided, Apply(decided, Status(status, Wamids[wamid])))!;
                undecided = undecided.Evolve(StatusChanged(status, Wamids[wamid]));
            }

            Assert.Equal(decided.OutboundStatuses.OrderBy(p => p.Key, StringComparer.Ordinal), undecided.OutboundStatuses.OrderBy(p => p.Key, StringComparer.Ordinal));
        }, iter: 1000);
    }

    /// <summary>
    /// The rule, stated independently of <see cref="DeliveryProgress"/>: a failure reported before any read or played
    /// ends the message as Failed; otherwise the message ends at the furthest of the other statuses reported, by
    /// Accepted &lt; Sent &lt; Delivered &lt; Read &lt; Played; Unknown counts for nothing.
    /// </summary>
    private static DeliveryStatus? Expected(IReadOnlyList<DeliveryStatus> reported)
    {
        if (reported.TakeWhile(s => s is not (DeliveryStatus.Read or DeliveryStatus.Played)).Contains(DeliveryStatus.Failed))
        {
            return DeliveryStatus.Failed;
        }

        var ordered = reported.Where(s => s is not (DeliveryStatus.Failed or DeliveryStatus.Unknown)).ToList();
        return ordered.Count == 0 ? null : ordered.Max();
    }

    private static int Order(DeliveryStatus status) => status == DeliveryStatus.Failed ? int.MaxValue : (int)status;
}
