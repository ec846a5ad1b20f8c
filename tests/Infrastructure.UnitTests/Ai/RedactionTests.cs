using PesanAI.Domain.Privacy;

namespace PesanAI.Infrastructure.UnitTests.Ai;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("wa saya 081234567890 ya", "wa saya [PHONE] ya")]
    [InlineData("hubungi +62 812-3456-7890.", "hubungi [PHONE].")]
    [InlineData("telp (0274) 555-1234", "telp [PHONE]")]
    [InlineData("nomor 6281234567890", "nomor [PHONE]")]
    [InlineData("kartu 4111 1111 1111 1111 exp 12/27", "kartu [CARD] exp 12/27")]
    [InlineData("cc 5500-0000-0000-0004", "cc [CARD]")]
    [InlineData("email: Budi.Santoso+promo@contoh.co.id!", "email: [EMAIL]!")]
    [InlineData("harga Rp1.500.000 untuk 2 pcs", "harga Rp1.500.000 untuk 2 pcs")]
    [InlineData("pesan tanggal 2024-05-12 jam 10:30", "pesan tanggal 2024-05-12 jam 10:30")]
    [InlineData("ukuran XL, 3 pcs, kode 12345", "ukuran XL, 3 pcs, kode 12345")]
    [InlineData("saya (0812-3456-7890, budi@contoh.id)", "saya ([PHONE], [EMAIL])")]
    [InlineData("rekening 1234567890123456789012", "rekening [CARD]")]
    public void Personal_data_becomes_placeholders_and_prices_and_dates_stay(string text, string expected) =>
        Assert.Equal(expected, Redaction.Redact(text));
}
