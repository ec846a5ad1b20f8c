using PesanAI.Domain.Messaging;

namespace PesanAI.Domain.UnitTests.Messaging;

public sealed class MessageTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = MessageTemplate.StreamIdOf(Guid.Parse("0199a4e0-0000-7000-8000-000000000001"), "123/order_ready/id");

    private static readonly TemplateDefinition AtMeta = new(
        "123", "456", "order_ready", "id", TemplateCategory.Utility, TemplateParameterFormat.Positional,
        [new TemplateComponent("BODY", null, "Order {{1}} is ready.")], TemplateStatus.Approved, "meta-1", null, TemplateQuality.Green);

    private static MessageTemplate Imported() => MessageTemplate.Start(new TemplateImported(Id, AtMeta, Now))!;

    [Fact]
    public void An_imported_template_is_what_meta_listed()
    {
        var template = Imported();

        Assert.Equal("123/order_ready/id", template.Key);
        Assert.Equal(TemplateStatus.Approved, template.Status);
        Assert.Equal(TemplateQuality.Green, template.Quality);
        Assert.Equal(["1"], template.Shape.BodyPlaceholders);
    }

    [Fact]
    public void Nothing_differs_no_step()
    {
        Assert.Empty(Imported().StepsTo(AtMeta with { Components = [new TemplateComponent("BODY", null, "Order {{1}} is ready.")] }, Now));
    }

    [Fact]
    public void Each_difference_at_meta_is_one_event_and_applying_them_reaches_meta()
    {
        var edited = AtMeta with
        {
            Components = [new TemplateComponent("BODY", null, "Order {{1}} ships {{2}}.")],
            Category = TemplateCategory.Marketing,
            Status = TemplateStatus.Paused,
            Quality = TemplateQuality.Red,
        };

        var steps = Imported().StepsTo(edited, Now.AddHours(1));
        var after = steps.Aggregate(Imported(), (t, e) => t.Evolve(e));

        Assert.Equal([typeof(TemplateEdited), typeof(TemplateCategoryChanged), typeof(TemplateStatusChanged), typeof(TemplateQualityChanged)], steps.Select(s => s.GetType()));
        Assert.Equal(edited, after.Definition with { Components = edited.Components });
        Assert.True(TemplateComponents.SameAs(edited.Components, after.Components));
        Assert.Empty(after.StepsTo(edited, Now.AddHours(2)));
    }

    [Fact]
    public void A_category_notice_keeps_the_category_until_the_change()
    {
        var notice = Imported().Evolve(new TemplateCategoryChanged(Id, TemplateCategory.Utility, TemplateCategory.Marketing, Now.AddDays(1), Now));
        var changed = notice.Evolve(new TemplateCategoryChanged(Id, TemplateCategory.Marketing, null, Now.AddDays(1), Now.AddDays(1)));

        Assert.Equal((TemplateCategory.Utility, TemplateCategory.Marketing), (notice.Category, notice.UpcomingCategory!.Value));
        Assert.Equal(TemplateCategory.Marketing, changed.Category);
        Assert.Null(changed.UpcomingCategory);
    }

    [Fact]
    public void Registering_again_after_a_rejection_keeps_when_it_was_first_created()
    {
        var first = Imported().Evolve(new TemplateStatusChanged(Id, TemplateStatus.Rejected, "REJECTED", "INVALID_FORMAT", null, Now.AddHours(1)));
        var again = first.Evolve(new TemplateRegistered(Id, AtMeta with { Status = TemplateStatus.Pending }, Now.AddHours(2)));

        Assert.Equal((TemplateStatus.Pending, Now, Now.AddHours(2)), (again.Status, again.CreatedAt, again.UpdatedAt));
    }
}
