using PesanAI.Domain.Messaging;

namespace PesanAI.Domain.UnitTests.Messaging;

public sealed class TemplateSendCheckTests
{
    /// <summary>An order template as a shop defines it at Meta: image header, named body, a URL and a quick-reply button.</summary>
    private static readonly TemplateShape OrderReady = TemplateShape.Of(TemplateParameterFormat.Named,
    [
        new TemplateComponent("HEADER", "IMAGE", null),
        new TemplateComponent("BODY", null, "Hi {{name}}, order {{order_id}} is ready. {{name}}, see you!"),
        new TemplateComponent("BUTTONS", null, null)
        {
            Buttons =
            [
                new TemplateButton("URL", "Track", "https://shop.example/track/{{1}}"),
                new TemplateButton("QUICK_REPLY", "Stop"),
                new TemplateButton("PHONE_NUMBER", "Call us", PhoneNumber: "+62211234"),
            ],
        },
    ]);

    private static readonly TemplateShape Positional = TemplateShape.Of(TemplateParameterFormat.Positional,
    [
        new TemplateComponent("HEADER", "TEXT", "Order {{1}}"),
        new TemplateComponent("BODY", null, "Hi {{1}}, your total is {{2}}."),
    ]);

    private static readonly TemplateShape Otp = TemplateShape.Of(TemplateParameterFormat.Positional,
    [
        new TemplateComponent("BODY", null, "{{1}} is your code."),
        new TemplateComponent("BUTTONS", null, null) { Buttons = [new TemplateButton("OTP", "Copy code", OtpType: "COPY_CODE")] },
    ]);

    private static TemplateSend Good() => new("order_ready", "id", [], ["Ana", "A-17"])
    {
        BodyParameterNames = ["name", "order_id"],
        Header = new TemplateHeaderSend("image", new MediaSend(null, null, StoredMediaId: "0199a4e0-0000-7000-8000-0000000000a1")),
        Buttons = [new TemplateButtonSend(0, "url", "A-17"), new TemplateButtonSend(1, "quick_reply", "stop")],
    };

    private static List<string> Fields(TemplateSend send, TemplateShape shape) => [.. TemplateSendCheck.Problems(send, shape).Select(p => p.Field)];

    [Fact]
    public void The_shape_reads_placeholders_once_each_in_order_and_the_buttons()
    {
        Assert.Equal("IMAGE", OrderReady.HeaderFormat);
        Assert.Equal(["name", "order_id"], OrderReady.BodyPlaceholders);
        Assert.Equal(["url", "quick_reply", null], OrderReady.Buttons.Select(TemplateSendCheck.SubTypeOf));
        Assert.Equal(["1"], Positional.HeaderPlaceholders);
        Assert.Equal(["1", "2"], Positional.BodyPlaceholders);
    }

    [Fact]
    public void A_send_that_fills_every_part_passes()
    {
        Assert.Empty(Fields(Good(), OrderReady));
        Assert.Empty(Fields(new TemplateSend("t", "id", ["A-1"], ["Ana", "Rp 10.000"]), Positional));
        Assert.Empty(Fields(new TemplateSend("otp", "id", [], ["123456"]) { Buttons = [new TemplateButtonSend(0, "otp", "123456")] }, Otp));
    }

    [Fact]
    public void A_header_of_another_kind_is_named()
    {
        Assert.Equal(["template.header.video"], Fields(Good() with { Header = new TemplateHeaderSend("video", new MediaSend("m", null)) }, OrderReady));
        Assert.Equal(["template.header"], Fields(Good() with { Header = null }, OrderReady));
        Assert.Equal(["template.header_parameters"], Fields(Good() with { HeaderParameters = ["x"] }, OrderReady));
        Assert.Equal(["template.header"], Fields(new TemplateSend("t", "id", ["A-1"], ["a", "b"]) { Header = new TemplateHeaderSend("image", new MediaSend("m", null)) }, Positional));
    }

    [Fact]
    public void Missing_extra_and_unknown_parameters_are_named()
    {
        Assert.Equal(["template.body_parameters"], Fields(new TemplateSend("t", "id", ["A-1"], ["only one"]), Positional));
        Assert.Equal(["template.header_parameters"], Fields(new TemplateSend("t", "id", [], ["a", "b"]), Positional));
        Assert.Equal(["template.named_body_parameters"], Fields(Good() with { BodyParameters = ["Ana"], BodyParameterNames = ["name"] }, OrderReady));
        Assert.Equal(
            ["template.named_body_parameters[2].name"],
            Fields(Good() with { BodyParameters = ["Ana", "A-17", "x"], BodyParameterNames = ["name", "order_id", "total"] }, OrderReady));
        Assert.Equal(
            ["template.named_body_parameters[1].name", "template.named_body_parameters"],
            Fields(Good() with { BodyParameterNames = ["name", "name"] }, OrderReady));
    }

    [Fact]
    public void Positional_values_for_a_named_template_and_the_reverse_are_refused()
    {
        Assert.Equal(["template.body_parameters"], Fields(Good() with { BodyParameterNames = null }, OrderReady));
        Assert.Equal(["template.named_body_parameters"], Fields(new TemplateSend("t", "id", ["A-1"], ["a", "b"]) { BodyParameterNames = ["1", "2"] }, Positional));
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("a\ttab")]
    [InlineData("five     spaces")]
    [InlineData("")]
    public void Parameter_text_meta_would_refuse_is_named(string text)
    {
        Assert.Equal(["template.body_parameters[1]"], Fields(new TemplateSend("t", "id", ["A-1"], ["Ana", text]), Positional));
    }

    [Fact]
    public void Overlong_parameters_are_named()
    {
        Assert.Equal(["template.header_parameters[0]"], Fields(new TemplateSend("t", "id", [new string('x', 61)], ["a", "b"]), Positional));
        Assert.Equal(["template.body_parameters[0]"], Fields(new TemplateSend("t", "id", ["A"], [new string('x', 1025), "b"]), Positional));
    }

    [Fact]
    public void Buttons_are_checked_by_index_and_kind()
    {
        Assert.Equal(["template.buttons[1].index"], Fields(Good() with { Buttons = [new(0, "url", "A-17"), new(7, "quick_reply", "x")] }, OrderReady));
        Assert.Equal(["template.buttons[1].index"], Fields(Good() with { Buttons = [new(0, "url", "A-17"), new(0, "url", "B")] }, OrderReady));
        Assert.Equal(["template.buttons[1].coupon_code"], Fields(Good() with { Buttons = [new(0, "url", "A-17"), new(1, "copy_code", "X")] }, OrderReady));
        Assert.Equal(["template.buttons[1]"], Fields(Good() with { Buttons = [new(0, "url", "A-17"), new(2, "quick_reply", "x")] }, OrderReady));
        Assert.Equal(["template.buttons"], Fields(Good() with { Buttons = [new(1, "quick_reply", "stop")] }, OrderReady));
        Assert.Equal(["template.buttons[0].url_suffix"], Fields(Good() with { Buttons = [new(0, "url", null)] }, OrderReady));
        Assert.Equal(["template.buttons[0].index"], Fields(new TemplateSend("t", "id", ["A"], ["a", "b"]) { Buttons = [new(0, "quick_reply", "x")] }, Positional));
    }

    [Fact]
    public void A_one_time_password_must_be_in_the_body_and_the_button()
    {
        Assert.Equal(["template.buttons"], Fields(new TemplateSend("otp", "id", [], ["123456"]), Otp));
        Assert.Equal(["template.body_parameters"], Fields(new TemplateSend("otp", "id", [], ["123456"]) { Buttons = [new(0, "otp", "654321")] }, Otp));
        Assert.Equal(["template.buttons[0].otp"], Fields(new TemplateSend("otp", "id", [], ["1234567890123456"]) { Buttons = [new(0, "otp", "1234567890123456")] }, Otp)
            .Where(f => f.StartsWith("template.buttons", StringComparison.Ordinal)));
    }
}
