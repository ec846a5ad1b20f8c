using PesanAI.Domain.Automation;
using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Automation;

public sealed class AutomationDeciderTests
{
    private static readonly AiSettings On = AiSettings.Default with { Enabled = true, MaxConsecutiveReplies = 2 };

    private static MessageReceived Trigger(string wamid = "wamid.in1", MessageContent? content = null) =>
        Received(wamid, sentAt: Now.AddMinutes(-1), receivedAt: Now.AddMinutes(-1), content: content);

    private static AutomationStep Before(Conversation state, MessageReceived? trigger = null, AiSettings? settings = null, bool optedOut = false, bool newer = false) =>
        AutomationDecider.Before(state, trigger ?? Trigger(), settings ?? On, optedOut, newer, Now);

    private static Conversation Open() => Given(Trigger());

    [Fact]
    public void A_text_in_an_open_automated_conversation_asks_the_responder()
    {
        Assert.IsType<AutomationStep.Ask>(Before(Open()));
    }

    [Fact]
    public void A_changed_user_id_notice_is_neither_answered_nor_handed_off()
    {
        var notice = Trigger("wamid.in2", new MessageContent("system") { System = new SystemNotice("user_changed_user_id", "changed", null, "ID.222") });

        Assert.IsType<AutomationStep.Skip>(Before(Open(), notice));
        Assert.IsType<AutomationStep.Skip>(Before(Open(), notice, On with { UnsupportedTypeReply = "Kami cek dulu ya" }));
    }

    [Fact]
    public void A_message_already_decided_is_skipped()
    {
        var state = Open().Evolve(new AiSuppressed(ConversationId, "wamid.in1", AutomationReasons.HumanHandling, Now));

        Assert.IsType<AutomationStep.Skip>(Before(state));
    }

    [Fact]
    public void An_older_message_is_superseded_by_a_newer_one()
    {
        Assert.Equal(new AutomationStep.Suppress(AutomationReasons.Superseded), Before(Open(), newer: true));
    }

    [Fact]
    public void A_conversation_with_a_human_is_left_alone()
    {
        var state = Open().Evolve(new ConversationHandedOff(ConversationId, "refund", Now));

        Assert.Equal(new AutomationStep.Suppress(AutomationReasons.HumanHandling), Before(state));
    }

    [Fact]
    public void A_closed_window_or_an_automation_opt_out_suppresses()
    {
        var stale = Given(Received(sentAt: Now.AddHours(-25)));

        Assert.Equal(new AutomationStep.Suppress(AutomationReasons.WindowClosed), AutomationDecider.Before(stale, Received(sentAt: Now.AddHours(-25)), On, false, false, Now));
        Assert.Equal(new AutomationStep.Suppress(AutomationReasons.OptedOut), Before(Open(), optedOut: true));
    }

    [Fact]
    public void Other_message_types_hand_off_or_get_the_canned_answer()
    {
        var image = Trigger(content: new MessageContent("image") { Media = new MediaContent("m1", "image/jpeg", null) });

        Assert.Equal(new AutomationStep.HandOff(AutomationReasons.UnsupportedType), Before(Open(), image));
        Assert.Equal(new AutomationStep.Reply("Kami cek dulu ya", AutomationReasons.CannedReply), Before(Open(), image, On with { UnsupportedTypeReply = "Kami cek dulu ya" }));
    }

    [Fact]
    public void After_the_limit_of_consecutive_replies_it_hands_off_and_a_person_resets_the_count()
    {
        var state = Open()
            .Evolve(new AiReplied(ConversationId, Guid.CreateVersion7(), "wamid.a", "embedded", null, 1, null, null, [], 0.9, "MATCHED", Now))
            .Evolve(new AiReplied(ConversationId, Guid.CreateVersion7(), "wamid.b", "embedded", null, 1, null, null, [], 0.9, "MATCHED", Now));
        var answeredByMember = state.Evolve(new MessageQueued(
            ConversationId, Guid.CreateVersion7(), PhoneNumberId, "6281234567890", Domain.Messaging.OutboundContent.OfText("Saya bantu"), null, Domain.Messaging.MessageOrigin.Member, null, null, Now));

        Assert.Equal(new AutomationStep.HandOff(AutomationReasons.ReplyLimit), Before(state));
        Assert.IsType<AutomationStep.Ask>(Before(answeredByMember));
    }

    [Fact]
    public void Outside_business_hours_the_away_message_goes_once_per_day()
    {
        // Now is Monday 10:00 in Jakarta; the shop opens only on Sundays.
        var hours = new BusinessHours("Asia/Jakarta", [new OpeningHours(DayOfWeek.Sunday, new TimeOnly(9, 0), new TimeOnly(17, 0))], "Kami buka hari Minggu.");
        var settings = On with { Hours = hours };
        var away = Assert.IsType<AutomationStep.Reply>(Before(Open(), settings: settings));
        var sent = Open().Evolve(new AiReplied(ConversationId, Guid.CreateVersion7(), "wamid.x", "rules", null, 0, null, null, [], 0, away.Reason, Now) { AwayDay = hours.DayOf(Now) });

        Assert.Equal(new AutomationStep.Reply("Kami buka hari Minggu.", AutomationReasons.Away), away);
        Assert.Equal(new AutomationStep.Suppress(AutomationReasons.AwayAlreadySent), Before(sent, Trigger("wamid.in2"), settings));
        Assert.Equal(0, sent.ConsecutiveAiReplies);
    }

    [Fact]
    public void With_the_ai_off_business_hours_still_send_the_away_message_once_and_nothing_else_is_decided()
    {
        // Monday 10:00 in Jakarta; open only on Sundays. The AI is off.
        var hours = new BusinessHours("Asia/Jakarta", [new OpeningHours(DayOfWeek.Sunday, new TimeOnly(9, 0), new TimeOnly(17, 0))], "Kami buka hari Minggu.");
        var off = AiSettings.Default with { Enabled = false, Hours = hours };
        var openAllWeek = off with { Hours = hours with { Week = [.. Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(0, 0), new TimeOnly(23, 59)))] } };
        var away = Before(Open(), settings: off);
        var sent = Open().Evolve(new AiReplied(ConversationId, Guid.CreateVersion7(), "wamid.x", "rules", null, 0, null, null, [], 0, AutomationReasons.Away, Now) { AwayDay = hours.DayOf(Now) });
        var human = Open().Evolve(new ConversationHandedOff(ConversationId, "x", Now));

        Assert.Equal(new AutomationStep.Reply("Kami buka hari Minggu.", AutomationReasons.Away), away);
        Assert.IsType<AutomationStep.Skip>(Before(sent, Trigger("wamid.in2"), off));
        Assert.IsType<AutomationStep.Skip>(Before(Open(), settings: openAllWeek));
        Assert.IsType<AutomationStep.Skip>(Before(Open(), settings: off, optedOut: true));
        Assert.IsType<AutomationStep.Skip>(Before(human, Trigger("wamid.in2"), off));
        Assert.IsType<AutomationStep.Skip>(Before(Open(), settings: AiSettings.Default with { Enabled = false }));
    }

    [Fact]
    public void Inside_business_hours_the_responder_is_asked()
    {
        var hours = new BusinessHours("Asia/Jakarta", [new OpeningHours(Now.DayOfWeek, new TimeOnly(0, 0), new TimeOnly(23, 59))], "Tutup");

        Assert.IsType<AutomationStep.Ask>(Before(Open(), settings: On with { Hours = hours }));
    }

    [Fact]
    public void An_AI_hand_off_gives_the_conversation_to_people()
    {
        var state = Open().Evolve(new AiHandedOff(ConversationId, "wamid.in1", "embedded", null, 3, [], 0.1, "LOW_MARGIN", Now));

        Assert.Equal(Handler.Human, state.Handler);
    }
}
