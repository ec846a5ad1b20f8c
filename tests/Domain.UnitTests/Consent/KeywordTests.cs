using PesanAI.Domain.Consent;

namespace PesanAI.Domain.UnitTests.Consent;

public sealed class KeywordTests
{
    private static readonly ConsentKeywordSettings Defaults = ConsentKeywordSettings.Default;

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Stop \n")]
    [InlineData("\u00a0BERHENTI\t")]
    [InlineData("berhenti")]
    [InlineData("UnSubScribe")]
    public void Stop_keywords_match_trimmed_in_any_case(string text)
    {
        Assert.Equal(KeywordMatch.Stop, ConsentKeywords.Match(Defaults, text));
    }

    [Theory]
    [InlineData("START")]
    [InlineData(" mulai ")]
    [InlineData("Mulai")]
    public void Start_keywords_match_trimmed_in_any_case(string text)
    {
        Assert.Equal(KeywordMatch.Start, ConsentKeywords.Match(Defaults, text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("please stop")]
    [InlineData("STOP!")]
    [InlineData("S T O P")]
    [InlineData("stopp")]
    [InlineData("Kapan mulai buka?")]
    public void Anything_but_a_whole_keyword_matches_nothing(string? text)
    {
        Assert.Equal(KeywordMatch.None, ConsentKeywords.Match(Defaults, text));
    }

    [Fact]
    public void A_tenants_own_keywords_replace_the_defaults()
    {
        var settings = new ConsentKeywordSettings(["Keluar"], ["Gabung"], "bye", "hi");

        Assert.Equal(KeywordMatch.Stop, ConsentKeywords.Match(settings, "KELUAR"));
        Assert.Equal(KeywordMatch.Start, ConsentKeywords.Match(settings, "gabung"));
        Assert.Equal(KeywordMatch.None, ConsentKeywords.Match(settings, "STOP"));
    }

    [Fact]
    public void Default_confirmations_say_how_to_undo_in_both_languages()
    {
        Assert.Contains("MULAI", Defaults.OptOutConfirmation, StringComparison.Ordinal);
        Assert.Contains("START", Defaults.OptOutConfirmation, StringComparison.Ordinal);
        Assert.Contains("BERHENTI", Defaults.OptInConfirmation, StringComparison.Ordinal);
        Assert.Contains("STOP", Defaults.OptInConfirmation, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalizing_trims_and_drops_repeats_in_any_case_keeping_order()
    {
        var normalized = ConsentKeywords.Normalize(new ConsentKeywordSettings([" stop ", "STOP", "Keluar"], ["mulai", "MULAI "], " bye ", ""));

        Assert.Equal(["stop", "Keluar"], normalized.StopKeywords);
        Assert.Equal(["mulai"], normalized.StartKeywords);
        Assert.Equal("bye", normalized.OptOutConfirmation);
        Assert.Equal(string.Empty, normalized.OptInConfirmation);
    }

    [Theory]
    [InlineData(new string[0], new[] { "START" }, "STOP_KEYWORD_REQUIRED")]
    [InlineData(new[] { "STOP" }, new[] { "stop" }, "KEYWORD_CONFLICT")]
    [InlineData(new[] { "STOP", " " }, new string[0], "KEYWORD_INVALID")]
    [InlineData(new[] { "STOP\nNOW" }, new string[0], "KEYWORD_INVALID")]
    public void Settings_that_would_make_opting_out_impossible_or_ambiguous_are_refused(string[] stop, string[] start, string reason)
    {
        var refused = Assert.Throws<Common.DomainException>(() => ConsentKeywords.Normalize(new ConsentKeywordSettings(stop, start, "a", "b")));

        Assert.Equal(reason, refused.Reason);
    }

    [Fact]
    public void Limits_on_keywords_and_confirmations()
    {
        Assert.Equal("KEYWORD_INVALID", Assert.Throws<Common.DomainException>(() => ConsentKeywords.Normalize(
            new ConsentKeywordSettings([new string('s', ConsentKeywords.MaxKeywordLength + 1)], [], "", ""))).Reason);
        Assert.Equal("TOO_MANY_KEYWORDS", Assert.Throws<Common.DomainException>(() => ConsentKeywords.Normalize(
            new ConsentKeywordSettings([.. Enumerable.Range(0, ConsentKeywords.MaxKeywords + 1).Select(i => $"STOP{i}")], [], "", ""))).Reason);
        Assert.Equal("CONFIRMATION_TOO_LONG", Assert.Throws<Common.DomainException>(() => ConsentKeywords.Normalize(
            new ConsentKeywordSettings(["STOP"], [], new string('x', ConsentKeywords.MaxConfirmationLength + 1), ""))).Reason);
    }
}
