using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Messaging;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Knowledge;

/// <summary>When a team answer becomes a knowledge suggestion, what it keeps, and how a person decides it.</summary>
public sealed class SuggestionTests
{
    private const string Trigger = "wamid.in1";

    private static readonly Guid SuggestionId = KnowledgeSuggestion.IdOf(ConversationId, Trigger);

    private static KnowledgeSuggestion Pending { get; } = KnowledgeSuggestion.Start(
        new KnowledgeEntrySuggested(SuggestionId, ConversationId, Trigger, "Ada wifi gratis?", "Ada kak, tanya kasir.", AgentId, StartedAt));

    [Theory]
    [InlineData("NO_MATCH")]
    [InlineData("LOW_MARGIN")]
    [InlineData("AMBIGUOUS")]
    [InlineData("EMPTY_KNOWLEDGE_BASE")]
    [InlineData("MODEL_HANDOFF")]
    public void A_hand_off_for_lack_of_knowledge_waits_for_the_teams_answer(string reason)
    {
        Assert.Equal(Trigger, Given(HandedOff(reason)).AwaitingTeamAnswer);
    }

    [Theory]
    [InlineData("HANDOFF_KEYWORD")]
    [InlineData("REPLY_LIMIT")]
    [InlineData("UNSUPPORTED_TYPE")]
    [InlineData("PROVIDER_FAILED")]
    public void Other_hand_offs_wait_for_nothing(string reason)
    {
        Assert.Null(Given(HandedOff("NO_MATCH", "wamid.earlier"), HandedOff(reason)).AwaitingTeamAnswer);
    }

    [Theory]
    [InlineData(MessageOrigin.Member)]
    [InlineData(MessageOrigin.Api)]
    public void A_persons_reply_ends_the_wait_and_the_AIs_does_not(MessageOrigin origin)
    {
        Assert.Null(Given(HandedOff("NO_MATCH"), Queued(origin)).AwaitingTeamAnswer);
        Assert.Equal(Trigger, Given(HandedOff("NO_MATCH"), Queued(MessageOrigin.Ai)).AwaitingTeamAnswer);
    }

    [Fact]
    public void An_AI_answer_ends_the_wait_but_the_away_message_does_not()
    {
        var away = new AiReplied(ConversationId, Guid.NewGuid(), "wamid.in2", "rules", null, 0, null, null, [], 0, "AWAY", Now) { AwayDay = new DateOnly(2026, 1, 5) };
        var answered = new AiReplied(ConversationId, Guid.NewGuid(), "wamid.in3", "embedded", null, 1, null, null, [], 0.8, "MATCHED", Now);

        Assert.Equal(Trigger, Given(HandedOff("NO_MATCH"), away).AwaitingTeamAnswer);
        Assert.Null(Given(HandedOff("NO_MATCH"), answered).AwaitingTeamAnswer);
    }

    [Fact]
    public void A_suggestion_keeps_the_question_and_answer_without_personal_data()
    {
        var suggested = KnowledgeSuggestionDecider.Suggest(
            ConversationId,
            Trigger,
            ["Halo kak", "saya Sari, kirim invoice ke sari@mail.example ya, wa +62 812-3456-7890"],
            "Baik kak sari, kartu 4111 1111 1111 1111 kami catat.",
            "Sari Wulandari",
            AgentId,
            Now);

        Assert.Equal(
            new KnowledgeEntrySuggested(SuggestionId, ConversationId, Trigger, "Halo kak\nsaya [NAME], kirim invoice ke [EMAIL] ya, wa [PHONE]", "Baik kak [NAME], kartu [CARD] kami catat.", AgentId, Now),
            suggested);
    }

    [Theory]
    [InlineData("ok", "Bisa kak, kirim ke alamat toko.")]
    [InlineData("Ada wifi gratis?", "ya")]
    [InlineData("081234567890", "Bisa kak, kirim ke alamat toko.")]
    [InlineData("Ada wifi gratis?", "[EMAIL] sari@mail.example")]
    public void Too_little_left_after_redaction_suggests_nothing(string question, string answer)
    {
        Assert.Null(KnowledgeSuggestionDecider.Suggest(ConversationId, Trigger, [question], answer, "Sari", AgentId, Now));
    }

    [Fact]
    public void The_name_is_redacted_as_a_whole_word_only()
    {
        Assert.Equal("[NAME] mau ke Sarinah", KnowledgeSuggestionDecider.Redact("SARI mau ke Sarinah", "Sari"));
    }

    [Fact]
    public void The_same_hand_off_gives_the_same_suggestion_id()
    {
        Assert.Equal(KnowledgeSuggestion.IdOf(ConversationId, Trigger), KnowledgeSuggestion.IdOf(ConversationId, Trigger));
        Assert.NotEqual(KnowledgeSuggestion.IdOf(ConversationId, Trigger), KnowledgeSuggestion.IdOf(ConversationId, "wamid.in2"));
    }

    [Fact]
    public void Accepting_with_edits_records_the_entry_and_that_it_was_edited()
    {
        var draft = KnowledgeSuggestionDecider.Draft(Pending, new KnowledgeDraft(null, " Ada, password di struk. ", ["WiFi"], "ID"));
        var entryId = Guid.NewGuid();

        var events = KnowledgeSuggestionDecider.Accept(Pending, SuggestionId, entryId, draft, "member-1", Now);

        var accepted = Assert.IsType<KnowledgeSuggestionAccepted>(Assert.Single(events));
        Assert.Equal(("Ada wifi gratis?", "Ada, password di struk.", "id", true), (accepted.Question, accepted.Answer, accepted.Language, accepted.Edited));
        Assert.Equal(["wifi"], accepted.Tags);
        var after = Pending.Evolve(accepted);
        Assert.Equal((SuggestionState.Accepted, entryId, "member-1", Now), (after.State, after.EntryId, after.DecidedBy, after.DecidedAt));
    }

    [Fact]
    public void Accepting_as_suggested_is_not_an_edit()
    {
        var draft = KnowledgeSuggestionDecider.Draft(Pending, null);

        var accepted = Assert.IsType<KnowledgeSuggestionAccepted>(Assert.Single(KnowledgeSuggestionDecider.Accept(Pending, SuggestionId, Guid.NewGuid(), draft, "member-1", Now)));

        Assert.False(accepted.Edited);
    }

    [Fact]
    public void Accepting_as_a_phrasing_keeps_the_entry_and_adds_the_question_to_its_alternatives()
    {
        var entry = new KnowledgeEntry(Guid.NewGuid(), "Jam buka toko kapan?", "Senin–Sabtu 09.00–20.00.", ["jam"], "id", Now, Now) { Alternatives = ["opening hours?"] };

        var (draft, phrasing) = KnowledgeSuggestionDecider.Phrasing(Pending, entry, editedQuestion: null);
        var accepted = Assert.IsType<KnowledgeSuggestionAccepted>(Assert.Single(KnowledgeSuggestionDecider.Accept(Pending, SuggestionId, entry.Id, draft, "member-1", Now, phrasing)));
        var full = entry with { Alternatives = [.. Enumerable.Range(0, KnowledgeRules.MaxAlternatives).Select(i => $"q{i}")] };

        Assert.Equal((entry.Question, entry.Answer, entry.Language), (draft.Question, draft.Answer, draft.Language));
        Assert.Equal(["opening hours?", Pending.Question], draft.AlternativeList);
        Assert.Equal((Pending.Question, entry.Question, false), (accepted.Phrasing, accepted.Question, accepted.Edited));
        Assert.Equal("TOO_MANY_ALTERNATIVES", Assert.Throws<DomainException>(() => KnowledgeSuggestionDecider.Phrasing(Pending, full, null)).Reason);
    }

    [Fact]
    public void A_decided_suggestion_is_decided_once()
    {
        var rejected = Pending.Evolve(Assert.Single(KnowledgeSuggestionDecider.Reject(Pending, SuggestionId, "  salah  ", "member-1", Now)));
        var accepted = Pending.Evolve(Assert.Single(KnowledgeSuggestionDecider.Accept(Pending, SuggestionId, Guid.NewGuid(), KnowledgeSuggestionDecider.Draft(Pending, null), "member-1", Now)));

        Assert.Equal((SuggestionState.Rejected, "salah"), (rejected.State, rejected.RejectReason));
        Assert.Equal("SUGGESTION_DECIDED", Assert.Throws<DomainException>(() => KnowledgeSuggestionDecider.Accept(rejected, SuggestionId, Guid.NewGuid(), KnowledgeSuggestionDecider.Draft(rejected, null), "m", Now)).Reason);
        Assert.Equal("SUGGESTION_DECIDED", Assert.Throws<DomainException>(() => KnowledgeSuggestionDecider.Reject(accepted, SuggestionId, null, "m", Now)).Reason);
        Assert.Equal(RuleKind.NotFound, Assert.Throws<DomainException>(() => KnowledgeSuggestionDecider.Reject(null, SuggestionId, null, "m", Now)).Kind);
    }

    private static AiHandedOff HandedOff(string reason, string trigger = Trigger) => new(ConversationId, trigger, "embedded", null, 1, [], 0.1, reason, Now);

    private static MessageQueued Queued(MessageOrigin origin) =>
        new(ConversationId, Guid.NewGuid(), PhoneNumberId, "6281234567890", OutboundContent.OfText("Ada kak"), null, origin, null, null, Now);
}
