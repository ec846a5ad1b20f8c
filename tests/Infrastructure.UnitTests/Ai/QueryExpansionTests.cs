using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.Ai;

namespace PesanAI.Infrastructure.UnitTests.Ai;

/// <summary>Chat Indonesian and the other language reach an entry through the knowledge base's own words.</summary>
public sealed class QueryExpansionTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData("ngecek", "cek")]
    [InlineData("nyuci", "cuci")]
    [InlineData("bayarin", "bayar")]
    [InlineData("kirimin", "kirimkan")]
    [InlineData("bener", "benar")]
    [InlineData("dateng", "datang")]
    [InlineData("pake", "pakai")]
    [InlineData("abis", "habis")]
    [InlineData("liat", "lihat")]
    [InlineData("bisaaa", "bisa")]
    public void A_chat_form_yields_its_standard_form(string chat, string standard)
    {
        Assert.Contains(standard, Colloquial.Variants(chat));
    }

    [Fact]
    public void Variants_never_hold_the_word_itself_and_skip_short_or_non_letter_words()
    {
        Assert.DoesNotContain("mesin", Colloquial.Variants("mesin"));
        Assert.Empty(Colloquial.Variants("ok"));
        Assert.Empty(Colloquial.Variants("rp50.000"));
    }

    [Fact]
    public void The_lexicon_translates_both_ways_and_whole_phrases()
    {
        var lexicon = Lexicon.Parse(new StringReader("# time\njam buka\topening hours|open\nminggu\tsunday|week\n\nbroken line\n"));

        Assert.Equal(["opening hours", "open"], lexicon.Translate("jam buka"));
        Assert.Equal(["jam buka"], lexicon.Translate("opening hours"));
        Assert.Equal(["minggu"], lexicon.Translate("sunday"));
        Assert.Equal(["sunday", "week"], lexicon.Translate("minggu"));
        Assert.Empty(lexicon.Translate("broken line"));
        Assert.Equal(2, lexicon.LongestKey);
    }

    [Fact]
    public void The_shipped_lexicon_is_embedded_and_covers_common_business_words()
    {
        var lexicon = Lexicon.Shipped;

        Assert.True(lexicon.Count > 2_000, $"{lexicon.Count} words and phrases");
        Assert.Contains("price", lexicon.Translate("harga"));
        Assert.Contains("tutup", lexicon.Translate("close"));
    }

    [Fact]
    public void An_english_question_finds_an_indonesian_entry_through_the_lexicon_and_a_chat_form_through_its_standard_form()
    {
        KnowledgeEntry[] entries =
        [
            Entry("jam", "Jam buka toko kapan saja?", "Senin–Sabtu 09.00–21.00 WIB."),
            Entry("antar", "Apakah bisa antar pesanan ke rumah?", "Bisa, antar gratis radius 5 km."),
            Entry("bayar", "Metode pembayaran apa saja?", "Transfer BCA, QRIS, tunai."),
        ];
        using var index = KnowledgeIndex.Build(entries, version: 1);
        using var plain = KnowledgeIndex.Build(entries, version: 1, new RetrievalSteps(Colloquial: false, Lexicon: false));

        var english = Decide(index, "what are your opening hours?");
        var chat = Decide(index, "bisa anterin ke rumah?");

        Assert.Equal((ReplyKind.Reply, entries[0].Id), (english.Kind, english.EntryIds[0]));
        Assert.Equal(ReplyKind.HandOff, Decide(plain, "what are your opening hours?").Kind);
        Assert.Equal((ReplyKind.Reply, entries[1].Id), (chat.Kind, chat.EntryIds[0]));
        Assert.True(
            chat.Confidence > Decide(plain, "bisa anterin ke rumah?").Confidence,
            "the standard form antar explains more of the message than the chat form anterin");
    }

    [Fact]
    public void A_translated_phrase_counts_only_when_the_knowledge_base_holds_all_its_words()
    {
        // "lowongan" is "job opening": "opening" alone must not pull in the entry on opening hours.
        KnowledgeEntry[] entries = [Entry("hours", "What are your opening hours?", "9 to 5, Monday to Saturday.")];
        using var index = KnowledgeIndex.Build(entries, version: 1);

        var decision = Decide(index, "ada lowongan?");

        Assert.Equal(ReplyKind.HandOff, decision.Kind);
    }

    [Theory]
    [InlineData("Apakah ada mushola di dekat toko?")]
    [InlineData("Is there a prayer room near the shop?")]
    public void A_question_about_something_a_small_knowledge_base_lacks_is_handed_off(string text)
    {
        // Found by the suggestion tests at the old threshold (0.30): a three-entry shop answered the mushola question
        // with its opening hours because "toko" matched.
        KnowledgeEntry[] entries =
        [
            Entry("hours", "Jam buka toko kapan?", "Toko buka Senin–Sabtu 09.00–20.00 WIB."),
            Entry("shipping", "Berapa ongkos kirim?", "Ongkir mulai Rp10.000 di Jawa."),
            Entry("returns", "Bagaimana cara retur barang?", "Retur dalam 7 hari dengan label terpasang."),
        ];
        using var index = KnowledgeIndex.Build(entries, version: 1);

        Assert.Equal(ReplyKind.HandOff, Decide(index, text).Kind);
    }

    private static ReplyDecision Decide(KnowledgeIndex index, string text) =>
        ReplyDecider.Decide(text, index.Search(text), ReplyPolicy.Default, index.Count);

    private static KnowledgeEntry Entry(string key, string question, string answer) =>
        new(PesanAI.Domain.Common.NameBasedGuid.From("expansion:" + key), question, answer, [], "id", At, At);
}
