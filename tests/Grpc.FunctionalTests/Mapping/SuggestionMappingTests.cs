using Google.Protobuf.WellKnownTypes;
using MapsterMapper;
using PesanAI.Application.Knowledge;
using PesanAI.Domain.Knowledge;
using PesanAI.Host.Mapping;
using KnowledgeApi = PesanAI.Protos.Knowledge.V1;

namespace PesanAI.FunctionalTests.Mapping;

/// <summary>Knowledge suggestions on the wire: every field of a decided one, and what a pending one leaves empty.</summary>
public sealed class SuggestionMappingTests
{
    private static readonly Mapper Mapper = new(ProtoMapping.Build());

    private static readonly DateTimeOffset At = new(2026, 11, 24, 8, 30, 0, TimeSpan.Zero);

    private static readonly KnowledgeSuggestion Pending = new(Guid.NewGuid(), Guid.NewGuid(), "Ada wifi?", "Ada kak.", SuggestionState.Pending, At) { AnsweredBy = Guid.NewGuid() };

    [Fact]
    public void A_decided_suggestion_maps_every_field()
    {
        var decided = Pending with { State = SuggestionState.Rejected, DecidedBy = "member-1", DecidedAt = At.AddHours(1), EntryId = Guid.NewGuid(), RejectReason = "salah", ClosestEntryId = Guid.NewGuid() };

        var proto = Mapper.Map<KnowledgeApi.RejectSuggestionResponse>(decided).Suggestion;

        Assert.Equal(
            new KnowledgeApi.SuggestedEntry
            {
                SuggestionId = decided.Id.ToString(),
                Question = "Ada wifi?",
                Answer = "Ada kak.",
                State = KnowledgeApi.SuggestionState.Rejected,
                ConversationId = decided.ConversationId.ToString(),
                CreateTime = Timestamp.FromDateTimeOffset(At),
                AnsweredBy = decided.AnsweredBy!.Value.ToString(),
                DecidedBy = "member-1",
                DecideTime = Timestamp.FromDateTimeOffset(At.AddHours(1)),
                EntryId = decided.EntryId!.Value.ToString(),
                RejectReason = "salah",
                ClosestEntryId = decided.ClosestEntryId!.Value.ToString(),
            },
            proto);
    }

    [Fact]
    public void A_pending_suggestion_leaves_the_decision_empty_and_pages_and_acceptances_map()
    {
        var entry = new KnowledgeEntry(Guid.NewGuid(), "Ada wifi?", "Ada kak.", ["wifi"], "id", At, At);

        var page = Mapper.Map<KnowledgeApi.ListSuggestedEntriesResponse>(new SuggestionPage(Guid.NewGuid(), [Pending], "next", 3));
        var accepted = Mapper.Map<KnowledgeApi.AcceptSuggestionResponse>(new AcceptedSuggestion(Pending, new UpsertedEntry(entry, UpsertOutcome.Created, 9)));

        var listed = Assert.Single(page.Suggestions);
        Assert.Equal(("next", 3), (page.NextPageToken, page.TotalSize));
        Assert.Equal((KnowledgeApi.SuggestionState.Pending, "", "", "", ""), (listed.State, listed.DecidedBy, listed.EntryId, listed.RejectReason, listed.ClosestEntryId));
        Assert.Null(listed.DecideTime);
        Assert.Equal((entry.Id.ToString(), KnowledgeApi.UpsertOutcome.Created, 9L, listed), (accepted.Entry.EntryId, accepted.Outcome, accepted.Version, accepted.Suggestion));
    }
}
