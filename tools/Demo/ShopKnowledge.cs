using PesanAI.Protos.Knowledge.V1;

namespace PesanAI.Demo;

/// <summary>The demo shop's questions and answers (Indonesian and English).</summary>
internal static class ShopKnowledge
{
    public static IEnumerable<ImportEntry> Entries { get; } =
    [
        Entry("Berapa ongkos kirim ke luar kota?", "Ongkir dihitung otomatis di checkout sesuai kota tujuan. Ke Jawa mulai Rp10.000, luar Jawa mulai Rp25.000. Gratis ongkir untuk belanja di atas Rp300.000. 🚚", "ongkir", "id", "How much is shipping?", "ongkir ke kota saya brp kak?"),
        Entry("Jam buka toko kapan?", "Toko kami buka Senin–Sabtu pukul 09.00–20.00 WIB, Minggu pukul 10.00–17.00 WIB. 🕘", "jam", "id", "What are your opening hours?", "tokonya buka jam brp?"),
        Entry("Bagaimana cara retur atau tukar ukuran?", "Retur atau tukar ukuran bisa dalam 7 hari setelah barang diterima, selama label masih terpasang. Kirim foto barang dan nomor pesanan ke chat ini, ya.", "retur", "id"),
        Entry("Metode pembayaran apa saja?", "Kami menerima transfer BCA/BNI/Mandiri, QRIS, GoPay, OVO, dan COD untuk area Yogyakarta.", "bayar", "id"),
        Entry("Apakah batik tulis asli?", "Ya, semua batik tulis kami asli, dibuat dengan canting oleh pengrajin Yogyakarta, dan disertai kartu keaslian.", "produk", "id"),
        Entry("Do you ship internationally?", "Yes! We ship worldwide with DHL Express; delivery takes 5–10 working days and the cost is shown at checkout.", "shipping", "en"),
        Entry("How do I choose my size?", "Check the size chart on each product page (chest and length in cm). Between two sizes? Take the larger one.", "size", "en"),
        Entry("Berapa lama pesanan sampai?", "Pesanan diproses 1×24 jam. Pengiriman Jawa 2–3 hari kerja, luar Jawa 3–7 hari kerja. Nomor resi dikirim lewat WhatsApp.", "kirim", "id"),
    ];

    /// <summary>An entry; <paramref name="alternatives"/> are other ways customers ask it, as the README advises.</summary>
    private static ImportEntry Entry(string question, string answer, string tag, string language, params string[] alternatives) =>
        new() { Question = question, Answer = answer, Tags = { tag }, Language = language, Alternatives = { alternatives } };
}
