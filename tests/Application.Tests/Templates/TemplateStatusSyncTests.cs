using PesanAI.Application.Templates;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Tests.Templates;

/// <summary>What one of Meta's template webhooks makes of a template: an event, or nothing when it changes nothing (a redelivery).</summary>
public sealed class TemplateStatusSyncTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = MessageTemplate.StreamIdOf(Guid.Parse("0199a4e0-0000-7000-8000-000000000001"), "123/promo/id");

    private static readonly MessageTemplate Approved = MessageTemplate.Start(new TemplateImported(Id, new TemplateDefinition(
        "123", "456", "promo", "id", TemplateCategory.Utility, TemplateParameterFormat.Positional,
        [new TemplateComponent("BODY", null, "Diskon {{1}}")], TemplateStatus.Approved, "meta-1", "NONE", TemplateQuality.Green), Now))!;

    private static TemplateStatusReport Report(string metaEvent) => new("456", metaEvent, "meta-1", "promo", "id", "NONE", "UTILITY");

    private static MessageTemplate Applied(MessageTemplate template, TemplateStatusReport report) =>
        TemplateStatusSync.Change(template, report, Now) is { } change ? template.Evolve(change) : template;

    [Fact]
    public void A_report_of_what_the_template_already_is_changes_nothing()
    {
        Assert.Null(TemplateStatusSync.Change(Approved, Report("APPROVED"), Now));
        Assert.Null(TemplateStatusSync.Change(Approved, Report(TemplateStatusReport.QualityUpdate) with { NewQuality = "GREEN" }, Now));
        Assert.Null(TemplateStatusSync.Change(Approved, Report(TemplateStatusReport.CategoryUpdate) with { NewCategory = "UTILITY" }, Now));
    }

    [Fact]
    public void The_same_report_twice_changes_the_template_once()
    {
        var paused = Report("PAUSED") with { Reason = "LOW_QUALITY" };

        var once = Applied(Approved, paused);

        Assert.Equal(TemplateStatus.Paused, once.Status);
        Assert.Null(TemplateStatusSync.Change(once, paused, Now.AddMinutes(5)));
    }

    [Fact]
    public void Quality_and_category_reports_become_their_events_and_a_notice_keeps_the_category()
    {
        var red = Assert.IsType<TemplateQualityChanged>(TemplateStatusSync.Change(Approved, Report(TemplateStatusReport.QualityUpdate) with { NewQuality = "RED" }, Now));
        var notice = Report(TemplateStatusReport.CategoryUpdate) with { NewCategory = "UTILITY", CorrectCategory = "MARKETING", CategoryChangeAt = Now.AddDays(1) };
        var noticed = Applied(Approved, notice);

        Assert.Equal(TemplateQuality.Red, red.Quality);
        Assert.Equal((TemplateCategory.Utility, TemplateCategory.Marketing), (noticed.Category, noticed.UpcomingCategory!.Value));
        Assert.Null(TemplateStatusSync.Change(noticed, notice, Now));
    }

    [Theory]
    [InlineData("FLAGGED")]
    [InlineData("LOCKED")]
    [InlineData("SOMETHING_NEW")]
    public void Events_that_are_not_a_status_change_nothing(string metaEvent)
    {
        Assert.Null(TemplateStatusSync.Change(Approved, Report(metaEvent), Now));
    }

    [Fact]
    public void Named_placeholders_make_a_named_template()
    {
        Assert.Equal(TemplateParameterFormat.Named, TemplatePlaceholders.FormatOf([new TemplateComponent("BODY", null, "Hi {{name}}, order {{1}}")]));
        Assert.Equal(TemplateParameterFormat.Positional, TemplatePlaceholders.FormatOf([new TemplateComponent("BODY", null, "Hi {{1}}")]));
    }
}
