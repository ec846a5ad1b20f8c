extern alias client;

using client::PesanAI.Protos.Knowledge.V1;
using Grpc.Core;
using static PesanAI.FunctionalTests.Knowledge.KnowledgeBed;

namespace PesanAI.FunctionalTests.Knowledge;

public sealed class KnowledgeEntryTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly KnowledgeBed _bed = new(app);

    [Fact]
    public async Task An_entry_is_created_then_found_by_its_question_and_saying_it_again_records_nothing()
    {
        var shop = await _bed.TenantAsync();

        var created = await shop.Knowledge.UpsertEntryAsync(Entry("Jam buka toko?", " Buka 09.00–21.00 WIB. ", " Jam Buka ", "opening hours", "jam buka"));
        var same = await shop.Knowledge.UpsertEntryAsync(Entry("Jam buka toko? ", "Buka 09.00–21.00 WIB.", "JAM BUKA", "opening hours"));
        var changed = await shop.Knowledge.UpsertEntryAsync(Entry("jam buka  TOKO", "Buka 10.00–22.00 WIB.", "jam buka"));

        Assert.Equal(UpsertOutcome.Created, created.Outcome);
        Assert.Equal(1, created.Version);
        Assert.Equal("Buka 09.00–21.00 WIB.", created.Entry.Answer);
        Assert.Equal(["jam buka", "opening hours"], created.Entry.Tags);
        Assert.Equal("id", created.Entry.Language);
        Assert.Equal(UpsertOutcome.Unchanged, same.Outcome);
        Assert.Equal(1, same.Version);
        Assert.Equal(created.Entry.EntryId, same.Entry.EntryId);
        Assert.Equal(UpsertOutcome.Updated, changed.Outcome);
        Assert.Equal(2, changed.Version);
        Assert.Equal(created.Entry.EntryId, changed.Entry.EntryId);
        Assert.Equal(created.Entry.CreateTime, changed.Entry.CreateTime);
        Assert.Equal("jam buka  TOKO", changed.Entry.Question);
        var listed = Assert.Single((await shop.AgentKnowledge.ListEntriesAsync(new ListEntriesRequest())).Entries);
        Assert.Equal(changed.Entry, listed);
    }

    [Fact]
    public async Task An_entry_named_by_id_is_changed_question_included_and_an_unknown_id_is_not_found()
    {
        var shop = await _bed.TenantAsync();
        var first = (await shop.Knowledge.UpsertEntryAsync(Entry("Apakah bisa COD?", "Bisa."))).Entry;
        var second = (await shop.Knowledge.UpsertEntryAsync(Entry("Kurir apa saja?", "JNE dan J&T."))).Entry;

        var renamed = await shop.Knowledge.UpsertEntryAsync(new UpsertEntryRequest { EntryId = first.EntryId, Question = "Bisa bayar di tempat?", Answer = "Bisa, COD." });
        var taken = await RpcAssert.WithReason(StatusCode.AlreadyExists, "QUESTION_TAKEN", () => shop.Knowledge.UpsertEntryAsync(
            new UpsertEntryRequest { EntryId = second.EntryId, Question = "bisa bayar di tempat", Answer = "x" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => shop.Knowledge.UpsertEntryAsync(
            new UpsertEntryRequest { EntryId = Guid.NewGuid().ToString(), Question = "Baru?", Answer = "Ya." }).ResponseAsync);

        Assert.Equal(first.EntryId, renamed.Entry.EntryId);
        Assert.Equal("Bisa bayar di tempat?", renamed.Entry.Question);
        Assert.NotNull(taken);
        Assert.Equal(2, (await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest())).TotalSize);
    }

    [Fact]
    public async Task A_deleted_entry_is_gone_and_deleting_it_again_is_not_found()
    {
        var shop = await _bed.TenantAsync();
        var entry = (await shop.Knowledge.UpsertEntryAsync(Entry("Ada promo?", "Ada, cek website."))).Entry;

        var deleted = await shop.Knowledge.DeleteEntryAsync(new DeleteEntryRequest { EntryId = entry.EntryId });
        await RpcAssert.WithReason(StatusCode.NotFound, "ENTRY_NOT_FOUND", () => shop.Knowledge.DeleteEntryAsync(new DeleteEntryRequest { EntryId = entry.EntryId }).ResponseAsync);

        Assert.Equal(2, deleted.Version);
        var list = await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest());
        Assert.Empty(list.Entries);
        Assert.Equal(2, list.Version);
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted_and_changes_nothing()
    {
        var shop = await _bed.TenantAsync();
        var entry = await shop.Knowledge.UpsertEntryAsync(Entry("Ada promo?", "Ada."));

        var request = Entry("Ada diskon?", "Ada.");
        request.ExpectedVersion = 0;
        await RpcAssert.WithReason(StatusCode.Aborted, "VERSION_CONFLICT", () => shop.Knowledge.UpsertEntryAsync(request).ResponseAsync);
        await RpcAssert.Fails(StatusCode.Aborted, () => shop.Knowledge.DeleteEntryAsync(new DeleteEntryRequest { EntryId = entry.Entry.EntryId, ExpectedVersion = 7 }).ResponseAsync);
        request.ExpectedVersion = entry.Version;
        var accepted = await shop.Knowledge.UpsertEntryAsync(request);

        Assert.Equal(2, accepted.Version);
        Assert.Equal(2, (await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest())).TotalSize);
    }

    [Fact]
    public async Task Entries_are_listed_oldest_first_in_pages_and_by_tag()
    {
        var shop = await _bed.TenantAsync();
        for (var i = 0; i < 5; i++)
        {
            await shop.Knowledge.UpsertEntryAsync(Entry($"Pertanyaan {i}?", $"Jawaban {i}.", i % 2 == 0 ? "genap" : "ganjil"));
        }

        var first = await shop.AgentKnowledge.ListEntriesAsync(new ListEntriesRequest { PageSize = 2 });
        var second = await shop.AgentKnowledge.ListEntriesAsync(new ListEntriesRequest { PageSize = 2, PageToken = first.NextPageToken });
        var third = await shop.AgentKnowledge.ListEntriesAsync(new ListEntriesRequest { PageSize = 2, PageToken = second.NextPageToken });
        var even = await shop.AgentKnowledge.ListEntriesAsync(new ListEntriesRequest { Tag = "GENAP" });

        Assert.Equal(["Pertanyaan 0?", "Pertanyaan 1?", "Pertanyaan 2?", "Pertanyaan 3?", "Pertanyaan 4?"], first.Entries.Concat(second.Entries).Concat(third.Entries).Select(e => e.Question));
        Assert.Equal(string.Empty, third.NextPageToken);
        Assert.Equal(5, first.TotalSize);
        Assert.Equal(["Jawaban 0.", "Jawaban 2.", "Jawaban 4."], even.Entries.Select(e => e.Answer));
        Assert.Equal(3, even.TotalSize);
    }

    [Fact]
    public async Task An_agent_reads_the_knowledge_base_but_does_not_change_or_test_it()
    {
        var shop = await _bed.TenantAsync();

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => shop.AgentKnowledge.UpsertEntryAsync(Entry("Ada promo?", "Ada.")).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => shop.AgentKnowledge.ImportEntriesAsync(ShopImport()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => shop.AgentKnowledge.TestReplyAsync(new TestReplyRequest { Text = "halo" }).ResponseAsync);
        Assert.Empty((await shop.AgentKnowledge.ListEntriesAsync(new ListEntriesRequest())).Entries);
    }

    [Fact]
    public async Task Changes_are_events_of_the_tenants_knowledge_stream_attributed_to_the_caller()
    {
        var shop = await _bed.TenantAsync();
        var entry = (await shop.Knowledge.UpsertEntryAsync(Entry("Ada promo?", "Ada."))).Entry;
        await shop.Knowledge.DeleteEntryAsync(new DeleteEntryRequest { EntryId = entry.EntryId });

        var owner = await _bed.Team.MemberCaller(shop.TenantId, client::PesanAI.Protos.Tenants.V1.MemberRole.Owner);
        var events = await Audit.AuditBed.ReplayAsync(
            new client::PesanAI.Protos.Audit.V1.AuditService.AuditServiceClient(owner.Channel),
            new client::PesanAI.Protos.Audit.V1.ReplayEventsRequest { EventTypes = { "knowledge_entry_upserted", "knowledge_entry_deleted" } });

        Assert.Equal(["knowledge_entry_upserted", "knowledge_entry_deleted"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(shop.Admin.MemberId, e.Metadata.MemberId));
        Assert.Contains("Ada promo?", events[0].Data, StringComparison.Ordinal);
    }
}
