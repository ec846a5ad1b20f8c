using CsCheck;
using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class ReplayPropertyTests
{
    private abstract record Command;

    private sealed record ReceiveMessage(int SentMinutesAgo, int Kind, int Sender) : Command;

    private sealed record ReportStatus(int Wamid, DeliveryStatus Status) : Command;

    private sealed record AssignTo(int Member) : Command;

    private sealed record Unassign : Command;

    private sealed record HandOff : Command;

    private sealed record Resume : Command;

    private sealed record Label(string[] Labels) : Command;

    private sealed record Close : Command;

    private static readonly CustomerIdentity[] Senders =
    [
        new("6281234567890", null, "Sari"),
        new("", "ID.111", "Sari W."),
        new("6281234567890", "ID.111", null),
    ];

    // Messages up to two days old, so that late deliveries and windows already closed come up.
    private static readonly Gen<Command> AnyCommand = Gen.Frequency<Command>(
        (5, Gen.Select(Gen.Int[0, 2880], Gen.Int[0, 3], Gen.Int[0, Senders.Length - 1], (ago, kind, sender) => (Command)new ReceiveMessage(ago, kind, sender))),
        (4, Gen.Select(Gen.Int[0, 2], Gen.Enum<DeliveryStatus>(), (wamid, status) => (Command)new ReportStatus(wamid, status))),
        (2, Gen.Int[0, 1].Select(member => (Command)new AssignTo(member))),
        (1, Gen.Const((Command)new Unassign())),
        (2, Gen.Const((Command)new HandOff())),
        (1, Gen.Const((Command)new Resume())),
        (2, Gen.OneOf("VIP", " vip", "refund", "Batik Tulis", "follow-up").Array[0, 4].Select(labels => (Command)new Label(labels))),
        (2, Gen.Const((Command)new Close())));

    [Fact]
    public void Replaying_the_decided_events_gives_the_same_state_as_deciding_them_and_survives_storage()
    {
        AnyCommand.Array[1, 40].Sample(commands =>
        {
            Conversation? state = null;
            var history = new List<object>();
            var now = StartedAt;
            var received = 0;
            foreach (var command in commands)
            {
                now = now.AddMinutes(7);
                var events = DecideOrRefuse(state, command, now, ref received);
                state = Fold(state, events);
                history.AddRange(events);
            }

            if (state is null)
            {
                Assert.Empty(history);
                return;
            }

            // Once from the decided event objects and once from events as Marten would load them, sharing nothing.
            var replayed = Fold(null, history)!;
            var reloaded = Fold(null, history.Select(MartenJson.RoundTrip))!;
            ConversationAssert.Equivalent(state, replayed);
            ConversationAssert.Equivalent(replayed, reloaded);
            ConversationAssert.Equivalent(state, MartenJson.RoundTrip(state));

            var messages = history.OfType<MessageReceived>().ToList();
            Assert.Equal((messages.Count, messages.Count), (state.MessageCount, state.UnreadCount));
            Assert.Equal(messages.Count == 0 ? null : messages.Max(m => m.SentAt), state.LastCustomerMessageAt);
            Assert.Equal<string>(state.Labels.Select(l => l.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal), state.Labels);
            var lastOpenOrClose = history.LastOrDefault(e => e is ConversationClosed or ConversationReopened or ConversationStarted);
            Assert.Equal(lastOpenOrClose is ConversationClosed ? ConversationState.Closed : ConversationState.Open, state.State);
        }, iter: 500);
    }

    private static IReadOnlyList<object> DecideOrRefuse(Conversation? state, Command command, DateTimeOffset now, ref int received)
    {
        try
        {
            return (state, command) switch
            {
                (_, ReceiveMessage c) => Receive(state, Message(c, $"wamid.in{received++}", now), now),
                (_, ReportStatus c) => Apply(state, new StatusUpdate($"wamid.out{c.Wamid}", c.Status, now, "6281234567890", NoErrors, null), now),
                (null, _) => [],
                (_, AssignTo c) => ConversationDecider.Assign(state, c.Member == 0 ? AgentId : OtherAgentId, now),
                (_, Unassign) => ConversationDecider.Unassign(state, now),
                (_, HandOff) => ConversationDecider.HandOffToHuman(state, "Customer asks for a refund", now),
                (_, Resume) => ConversationDecider.ResumeAutomation(state, now),
                (_, Label c) => ConversationDecider.SetLabels(state, c.Labels, now),
                (_, Close) => ConversationDecider.Close(state, now),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
            };
        }
        catch (DomainException refused)
        {
            // Every generated command is well-formed, so only a closed conversation may refuse it.
            Assert.Equal("CONVERSATION_CLOSED", refused.Reason);
            return [];
        }
    }

    private static InboundMessage Message(ReceiveMessage c, string wamid, DateTimeOffset now) => new(
        wamid,
        Senders[c.Sender],
        c.Kind switch
        {
            0 => MessageContent.OfText("Kainnya masih ada?"),
            1 => new MessageContent("request_welcome"),
            2 => new MessageContent("reaction") { Reaction = new ReactionContent("wamid.out0", "👍") },
            _ => new MessageContent("system") { System = new SystemNotice("user_changed_number", "Sari changed her number", $"62898765432{c.SentMinutesAgo % 10}") },
        },
        null,
        null,
        now.AddMinutes(-c.SentMinutesAgo));
}
