extern alias client;

using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Knowledge.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Privacy;
using Events = PesanAI.Domain.Conversations;

namespace PesanAI.FunctionalTests.Knowledge;

/// <summary>
/// Issue 18's "learning from the team", end to end through the emulator and gRPC: a hand-off for lack of knowledge, a
/// team member's answer, the suggestion, a person's acceptance, and the AI answering the next customer with it.
/// </summary>
public sealed class SuggestionLoopTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private const string Question = "Apakah ada wifi gratis di toko?";

    private readonly SuggestionBed _bed = new(app);

    [Fact]
    public async Task A_team_answer_to_a_handed_off_question_answers_the_next_customer_once_accepted()
    {
        var shop = await _bed.ShopAsync();
        var first = InboundBed.NewWaId();

        var (_, handOff) = await _bed.CustomerAsksAsync(shop, first, Question);
        await SuggestionBed.MemberRepliesAsync(shop, first, "Ada kak, wifinya gratis. Password bisa ditanyakan ke kasir.");
        var suggestion = Assert.Single(await SuggestionBed.SuggestionsAsync(shop));

        Assert.Contains(Assert.IsType<Events.AiHandedOff>(handOff).Reason, new[] { "NO_MATCH", "LOW_MARGIN", "AMBIGUOUS" });
        Assert.Equal((Question, "Ada kak, wifinya gratis. Password bisa ditanyakan ke kasir."), (suggestion.Question, suggestion.Answer));
        Assert.Equal(SuggestionState.Pending, suggestion.State);
        Assert.Equal((await PrivacyBed.ConversationOfAsync(shop.Tenant, first)).Id, suggestion.ConversationId);
        Assert.Equal(shop.Tenant.Agent.MemberId, suggestion.AnsweredBy);

        // Before anyone accepts it, the same question from another customer is still handed off.
        var (_, before) = await _bed.CustomerAsksAsync(shop, InboundBed.NewWaId(), Question);
        Assert.IsType<Events.AiHandedOff>(before);

        var accepted = await SuggestionBed.Knowledge(shop).AcceptSuggestionAsync(new AcceptSuggestionRequest
        {
            SuggestionId = suggestion.SuggestionId,
            Answer = "Ada, wifi gratis untuk pelanggan. Password ada di struk belanja ya kak.",
            Tags = { "wifi", "internet" },
            Language = "id",
        });
        Assert.Equal(UpsertOutcome.Created, accepted.Outcome);
        Assert.Equal((Question, "Ada, wifi gratis untuk pelanggan. Password ada di struk belanja ya kak."), (accepted.Entry.Question, accepted.Entry.Answer));
        Assert.Equal(["wifi", "internet"], accepted.Entry.Tags);
        Assert.Equal((SuggestionState.Accepted, accepted.Entry.EntryId, shop.Admin.MemberId), (accepted.Suggestion.State, accepted.Suggestion.EntryId, accepted.Suggestion.DecidedBy));
        Assert.Empty(await SuggestionBed.SuggestionsAsync(shop));
        Assert.Equal(accepted.Suggestion, Assert.Single(await SuggestionBed.SuggestionsAsync(shop, SuggestionState.Accepted)));
        var entries = await SuggestionBed.Knowledge(shop).ListEntriesAsync(new ListEntriesRequest());
        Assert.Equal(accepted.Version, entries.Version);
        Assert.Contains(accepted.Entry, entries.Entries);

        // The next customer asking the same gets the AI's answer: the accepted entry's, through the outbox to Meta.
        var next = InboundBed.NewWaId();
        var (_, decision) = await _bed.CustomerAsksAsync(shop, next, Question);
        var reply = await PrivacyBed.UntilMessageAsync(shop.Tenant, next, m => m.Origin == MessageOrigin.Ai && m.SendState == SendState.Accepted);

        Assert.Equal([Guid.Parse(accepted.Entry.EntryId)], Assert.IsType<Events.AiReplied>(decision).EntryIds);
        Assert.Equal(accepted.Entry.Answer, reply.Text);
        var atMeta = Assert.Single((await _bed.Messaging.EmulatorMessagesAsync(shop.Tenant, next)).EnumerateArray()).GetProperty("request");
        Assert.Equal(accepted.Entry.Answer, atMeta.GetProperty("text").GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_question_an_entry_answers_but_the_AI_missed_becomes_that_entrys_phrasing()
    {
        const string Missed = "Hari Minggu saya bisa mampir?";
        var shop = await _bed.ShopAsync();
        var knowledge = SuggestionBed.Knowledge(shop);
        var hours = (await knowledge.ListEntriesAsync(new ListEntriesRequest())).Entries.Single(e => e.Question == "Jam buka toko kapan?");
        var first = InboundBed.NewWaId();

        var (_, handOff) = await _bed.CustomerAsksAsync(shop, first, Missed);
        await SuggestionBed.MemberRepliesAsync(shop, first, "Minggu kami tutup kak, buka Senin–Sabtu 09.00–20.00.");
        var suggestion = Assert.Single(await SuggestionBed.SuggestionsAsync(shop));
        var refused = await RpcAssert.InvalidArgument(() => knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest
        {
            SuggestionId = suggestion.SuggestionId,
            EntryId = hours.EntryId,
            Answer = "another answer",
        }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest
        {
            SuggestionId = suggestion.SuggestionId,
            EntryId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var tooLong = await RpcAssert.InvalidArgument(() => knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest
        {
            SuggestionId = suggestion.SuggestionId,
            EntryId = hours.EntryId,
            Question = new string('q', 301),
        }).ResponseAsync);
        // The AI's closest entry is only a hint (it need not be the one): the person picks the entry that answers it.
        var accepted = await knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest { SuggestionId = suggestion.SuggestionId, EntryId = hours.EntryId });

        var handedOff = Assert.IsType<Events.AiHandedOff>(handOff);
        Assert.Equal(handedOff.EntryIds[0].ToString(), suggestion.ClosestEntryId);
        Assert.Equal(["answer"], refused.FieldViolations.Select(v => v.Field));
        Assert.Equal(["question"], tooLong.FieldViolations.Select(v => v.Field));
        Assert.Equal((UpsertOutcome.Updated, hours.EntryId), (accepted.Outcome, accepted.Entry.EntryId));
        Assert.Equal((hours.Question, hours.Answer), (accepted.Entry.Question, accepted.Entry.Answer));
        Assert.Equal([Missed], accepted.Entry.Alternatives);
        Assert.Equal((SuggestionState.Accepted, hours.EntryId), (accepted.Suggestion.State, accepted.Suggestion.EntryId));

        // The next customer asking the same gets the entry's own answer.
        var next = InboundBed.NewWaId();
        var (_, decision) = await _bed.CustomerAsksAsync(shop, next, Missed);
        var reply = await PrivacyBed.UntilMessageAsync(shop.Tenant, next, m => m.Origin == MessageOrigin.Ai && m.SendState == SendState.Accepted);

        Assert.Equal([Guid.Parse(hours.EntryId)], Assert.IsType<Events.AiReplied>(decision).EntryIds);
        Assert.Equal(hours.Answer, reply.Text);
    }

    [Fact]
    public async Task Phone_numbers_emails_and_the_profile_name_are_redacted_from_a_suggestion()
    {
        var shop = await _bed.ShopAsync();
        var customer = InboundBed.NewWaId();

        await _bed.CustomerAsksAsync(shop, customer, "Halo, saya Wulandari. Bisa kirim katalog ke wulan.dari@mail.example atau wa 081234567890?", profileName: "Wulandari Putri");
        await SuggestionBed.MemberRepliesAsync(shop, customer, "Bisa kak Wulandari, katalog kami kirim lewat email; pertanyaan lain ke 0812-9999-8888 atau toko@batik.example.");
        var suggestion = Assert.Single(await SuggestionBed.SuggestionsAsync(shop));

        Assert.Equal("Halo, saya [NAME]. Bisa kirim katalog ke [EMAIL] atau wa [PHONE]?", suggestion.Question);
        Assert.Equal("Bisa kak [NAME], katalog kami kirim lewat email; pertanyaan lain ke [PHONE] atau [EMAIL].", suggestion.Answer);
    }

    [Fact]
    public async Task Only_the_first_member_reply_after_the_hand_off_makes_a_suggestion()
    {
        var shop = await _bed.ShopAsync();
        var customer = InboundBed.NewWaId();
        var (wamid, _) = await _bed.CustomerAsksAsync(shop, customer, "Bisa pesan kue ulang tahun custom?");

        await SuggestionBed.MemberRepliesAsync(shop, customer, "Bisa kak, pesan minimal tiga hari sebelumnya.", requestId: "reply-1");
        await SuggestionBed.MemberRepliesAsync(shop, customer, "Bisa kak, pesan minimal tiga hari sebelumnya.", requestId: "reply-1");
        await SuggestionBed.MemberRepliesAsync(shop, customer, "Untuk desainnya bisa kirim contoh gambar ya.");

        // Meta redelivers the handed-off message: stored once, decided once, and the next reply proposes nothing.
        var redelivery = MetaPayloads.Text(shop.Tenant.PhoneNumberId, customer, wamid, "Bisa pesan kue ulang tahun custom?", DateTimeOffset.UtcNow);
        Assert.True((await new InboundBed(app).PostAsync(redelivery, shop.AppSecret)).IsSuccessStatusCode);
        await app.UntilInboundProcessedAsync();
        await SuggestionBed.MemberRepliesAsync(shop, customer, "Harga mulai Rp250.000.");

        var suggestion = Assert.Single(await SuggestionBed.SuggestionsAsync(shop));
        Assert.Equal("Bisa kak, pesan minimal tiga hari sebelumnya.", suggestion.Answer);
        var conversation = await PrivacyBed.ConversationOfAsync(shop.Tenant, customer);
        var messages = (await shop.Tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages;
        Assert.Equal(4, messages.Count);
    }

    [Fact]
    public async Task Two_members_answering_at_once_make_one_suggestion()
    {
        var shop = await _bed.ShopAsync();
        var customer = InboundBed.NewWaId();
        await _bed.CustomerAsksAsync(shop, customer, "Apakah bisa bayar pakai kartu kredit luar negeri?");
        var colleague = await _bed.Messaging.Team.MemberCaller(shop.Tenant.TenantId, client::PesanAI.Protos.Tenants.V1.MemberRole.Agent);
        var other = new client::PesanAI.Protos.Messaging.V1.MessagingService.MessagingServiceClient(colleague.Channel);

        await Task.WhenAll(
            SuggestionBed.MemberRepliesAsync(shop, customer, "Bisa kak, Visa dan Mastercard."),
            other.SendMessageAsync(Messaging.MessagingBed.Text(shop.Tenant, customer, "Bisa kak, semua kartu berlogo Visa.")).ResponseAsync);

        var suggestion = Assert.Single(await SuggestionBed.SuggestionsAsync(shop));
        Assert.Contains(suggestion.AnsweredBy, new[] { shop.Tenant.Agent.MemberId, colleague.MemberId });
    }

    [Fact]
    public async Task A_member_reply_without_a_hand_off_for_lack_of_knowledge_makes_no_suggestion()
    {
        var shop = await _bed.ShopAsync();
        var answered = InboundBed.NewWaId();
        var asked = InboundBed.NewWaId();

        // The AI answered: a member adding to it teaches nothing.
        var (_, reply) = await _bed.CustomerAsksAsync(shop, answered, "jam buka toko kapan ya?");
        await SuggestionBed.MemberRepliesAsync(shop, answered, "Hari libur nasional kami tutup ya kak.");

        // The customer asked for a person: the member's answer is not one the knowledge base lacked.
        var (_, handOff) = await _bed.CustomerAsksAsync(shop, asked, "saya mau bicara dengan manusia saja");
        await SuggestionBed.MemberRepliesAsync(shop, asked, "Halo kak, dengan Dewi di sini. Ada yang bisa dibantu?");

        Assert.IsType<Events.AiReplied>(reply);
        Assert.Equal("HANDOFF_KEYWORD", Assert.IsType<Events.AiHandedOff>(handOff).Reason);
        Assert.Empty(await SuggestionBed.SuggestionsAsync(shop));
    }

    [Fact]
    public async Task A_suggestion_is_decided_once_and_bad_requests_are_refused()
    {
        var shop = await _bed.ShopAsync();
        var knowledge = SuggestionBed.Knowledge(shop);
        var (one, two) = (InboundBed.NewWaId(), InboundBed.NewWaId());
        await _bed.CustomerAsksAsync(shop, one, "Apakah bisa parkir mobil di depan toko?");
        await SuggestionBed.MemberRepliesAsync(shop, one, "Bisa kak, ada parkir untuk tiga mobil.");
        await _bed.CustomerAsksAsync(shop, two, "Boleh bawa hewan peliharaan ke dalam?");
        await SuggestionBed.MemberRepliesAsync(shop, two, "Boleh kak, asal digendong ya.");
        var firstPage = await knowledge.ListSuggestedEntriesAsync(new ListSuggestedEntriesRequest { PageSize = 1 });
        var secondPage = await knowledge.ListSuggestedEntriesAsync(new ListSuggestedEntriesRequest { PageSize = 1, PageToken = firstPage.NextPageToken });
        Assert.Equal((2, 2, ""), (firstPage.TotalSize, secondPage.TotalSize, secondPage.NextPageToken));
        var pending = firstPage.Suggestions.Concat(secondPage.Suggestions).ToList();

        // Newest first.
        Assert.True(pending[0].CreateTime.ToDateTimeOffset() >= pending[1].CreateTime.ToDateTimeOffset());
        var parking = pending.Single(s => s.Question.Contains("parkir", StringComparison.Ordinal));
        var pets = pending.Single(s => s.Question.Contains("hewan", StringComparison.Ordinal));

        var rejected = await knowledge.RejectSuggestionAsync(new RejectSuggestionRequest { SuggestionId = pets.SuggestionId, Reason = "kebijakan berubah" });
        var accepted = await knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest { SuggestionId = parking.SuggestionId });

        Assert.Equal((SuggestionState.Rejected, "kebijakan berubah", shop.Admin.MemberId), (rejected.Suggestion.State, rejected.Suggestion.RejectReason, rejected.Suggestion.DecidedBy));
        Assert.NotNull(rejected.Suggestion.DecideTime);
        Assert.Equal((parking.Question, parking.Answer), (accepted.Entry.Question, accepted.Entry.Answer));
        Assert.Equal(rejected.Suggestion, Assert.Single(await SuggestionBed.SuggestionsAsync(shop, SuggestionState.Rejected)));
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "SUGGESTION_DECIDED", () => knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest { SuggestionId = parking.SuggestionId }).ResponseAsync);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "SUGGESTION_DECIDED", () => knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest { SuggestionId = pets.SuggestionId }).ResponseAsync);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "SUGGESTION_DECIDED", () => knowledge.RejectSuggestionAsync(new RejectSuggestionRequest { SuggestionId = parking.SuggestionId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest { SuggestionId = Guid.NewGuid().ToString() }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => knowledge.RejectSuggestionAsync(new RejectSuggestionRequest { SuggestionId = Guid.NewGuid().ToString() }).ResponseAsync);
        var bad = await RpcAssert.InvalidArgument(() => knowledge.AcceptSuggestionAsync(new AcceptSuggestionRequest
        {
            SuggestionId = "bukan-id",
            Answer = new string('x', 4_097),
            Tags = { "" },
            Language = "bahasa indonesia",
        }).ResponseAsync);
        Assert.Equal(["suggestion_id", "answer", "tags[0]", "language"], bad.FieldViolations.Select(v => v.Field));
        var badReject = await RpcAssert.InvalidArgument(() => knowledge.RejectSuggestionAsync(new RejectSuggestionRequest { SuggestionId = "", Reason = new string('x', 501) }).ResponseAsync);
        Assert.Equal(["suggestion_id", "reason"], badReject.FieldViolations.Select(v => v.Field));
        var badList = await RpcAssert.InvalidArgument(() => knowledge.ListSuggestedEntriesAsync(new ListSuggestedEntriesRequest { PageSize = 201, PageToken = "nope" }).ResponseAsync);
        Assert.Equal(["page_size", "page_token"], badList.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task Suggestions_are_the_tenants_own_and_reading_them_is_audited()
    {
        var shop = await _bed.ShopAsync();
        var other = await _bed.ShopAsync();
        var customer = InboundBed.NewWaId();
        var (_, handOff) = await _bed.CustomerAsksAsync(shop, customer, "Apakah tersedia layanan bungkus kado?");
        Assert.IsType<Events.AiHandedOff>(handOff);
        await SuggestionBed.MemberRepliesAsync(shop, customer, "Ada kak, gratis untuk semua pesanan.");
        var suggestion = Assert.Single(await SuggestionBed.SuggestionsAsync(shop));

        var foreign = SuggestionBed.Knowledge(other);
        Assert.Empty(await SuggestionBed.SuggestionsAsync(other));
        await RpcAssert.Fails(StatusCode.NotFound, () => foreign.AcceptSuggestionAsync(new AcceptSuggestionRequest { SuggestionId = suggestion.SuggestionId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => foreign.RejectSuggestionAsync(new RejectSuggestionRequest { SuggestionId = suggestion.SuggestionId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new KnowledgeService.KnowledgeServiceClient(shop.Tenant.Agent.Channel)
            .ListSuggestedEntriesAsync(new ListSuggestedEntriesRequest()).ResponseAsync);

        Assert.Equal(SuggestionState.Pending, Assert.Single(await SuggestionBed.SuggestionsAsync(shop)).State);
        var reads = await new AuditService.AuditServiceClient(shop.Owner.Channel).ListDataAccessAsync(new ListDataAccessRequest { ResourceType = "knowledge_suggestion" });
        Assert.Equal(2, reads.DataAccesses.Count);
        Assert.All(reads.DataAccesses, r => Assert.Equal(shop.Admin.MemberId, r.MemberId));
        Assert.Contains(reads.DataAccesses, r => r.ResourceIds.Contains(suggestion.SuggestionId));
    }
}
