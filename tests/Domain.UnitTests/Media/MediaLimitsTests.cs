using PesanAI.Domain.Media;

namespace PesanAI.Domain.UnitTests.Media;

public sealed class MediaLimitsTests
{
    [Theory]
    [InlineData("image", "image/jpeg", true)]
    [InlineData("image", "IMAGE/PNG", true)]
    [InlineData("image", "image/gif", false)]
    [InlineData("image", "image/webp", false)]
    [InlineData("sticker", "image/webp", true)]
    [InlineData("audio", "audio/ogg; codecs=opus", true)]
    [InlineData("audio", "audio/wav", false)]
    [InlineData("document", "application/pdf", true)]
    [InlineData("document", "application/zip", false)]
    [InlineData("video", "video/mp4", true)]
    [InlineData("video", "video/quicktime", false)]
    [InlineData("gif", "image/gif", false)]
    public void Accepts_metas_mime_types_per_type(string type, string mime, bool accepted) =>
        Assert.Equal(accepted, MediaLimits.Accepts(type, mime));

    [Fact]
    public void Sizes_follow_metas_table()
    {
        Assert.Equal(
            [5 * MediaLimits.Megabyte, 16 * MediaLimits.Megabyte, 16 * MediaLimits.Megabyte, 100 * MediaLimits.Megabyte, 500 * 1024],
            new[] { "image", "audio", "video", "document", "sticker" }.Select(MediaLimits.MaxBytes));
    }

    [Theory]
    [InlineData("image/png", "image")]
    [InlineData("image/webp", "sticker")]
    [InlineData("audio/ogg; codecs=opus", "audio")]
    [InlineData("application/x-msdownload", null)]
    public void Type_of_a_mime_type(string mime, string? type) => Assert.Equal(type, MediaLimits.TypeOf(mime));
}
