using PesanAI.Domain.Knowledge;

namespace PesanAI.Infrastructure.UnitTests.Ai;

/// <summary>
/// The quality set: the knowledge base of a batik and fashion shop in Yogyakarta (Indonesian entries, a few English
/// ones) and customers' questions as they write them on WhatsApp: paraphrases, chat abbreviations, typos, English and
/// mixed Indonesian/English, and questions the shop's entries do not answer (those must hand off).
/// </summary>
public static class ShopKnowledge
{
    /// <summary>A question and the key of the entry that answers it; null: nothing answers it, hand off.</summary>
    public sealed record Probe(string Text, string? Expected);

    public sealed record Item(string Key, string Question, string Answer, string[] Tags, string Language = "id");

    public static IReadOnlyList<Item> Items { get; } =
    [
        new("ongkir", "Berapa ongkos kirimnya?", "Ongkos kirim dihitung otomatis saat checkout sesuai berat paket dan kota tujuan. Gratis ongkir untuk belanja minimal Rp200.000 ke seluruh Pulau Jawa.", ["ongkir", "biaya kirim", "shipping cost", "gratis ongkir"]),
        new("kurir", "Pengiriman pakai kurir apa saja?", "Kami kirim lewat JNE, J&T, SiCepat dan GoSend (khusus Jogja). Pilih kurirnya saat checkout.", ["kurir", "ekspedisi", "courier", "jne", "j&t", "sicepat"]),
        new("lama-kirim", "Berapa lama pengiriman sampai ke alamat?", "Estimasi sampai: Pulau Jawa 1–3 hari kerja, luar Jawa 3–7 hari kerja, dihitung sejak paket diserahkan ke kurir.", ["estimasi", "lama pengiriman", "delivery time", "sampai"]),
        new("jadwal-kirim", "Kapan pesanan saya diproses dan dikirim?", "Pesanan yang lunas sebelum pukul 14.00 WIB dikirim di hari yang sama (Senin–Sabtu). Setelah jam itu, dikirim hari kerja berikutnya.", ["cut off", "proses pesanan", "dispatch", "dikirim hari ini"]),
        new("lacak", "Bagaimana cara melacak paket saya?", "Nomor resi kami kirim lewat WhatsApp dan email begitu paket diserahkan ke kurir. Masukkan nomor resi di situs atau aplikasi kurir untuk melihat posisi paket.", ["resi", "lacak", "tracking", "track order", "cek paket"]),
        new("internasional", "Do you ship internationally?", "Yes, we ship to Malaysia, Singapore and Brunei with POS Indonesia (7–14 days). Shipping is calculated at checkout; import duties are paid by the buyer.", ["international", "overseas", "luar negeri", "abroad", "malaysia", "singapore"], "en"),
        new("cod", "Apakah bisa bayar di tempat (COD)?", "Bisa. COD tersedia untuk pengiriman J&T dan SiCepat di kota yang dilayani, untuk pesanan sampai Rp1.000.000. Siapkan uang pas saat kurir datang.", ["cod", "bayar di tempat", "cash on delivery"]),
        new("metode-bayar", "Metode pembayaran apa saja yang tersedia?", "Kami menerima transfer bank (BCA, Mandiri, BRI, BNI) lewat virtual account, QRIS, e-wallet (OVO, GoPay, DANA, ShopeePay) dan kartu kredit Visa/Mastercard.", ["pembayaran", "payment method", "transfer", "qris", "e-wallet", "gopay", "ovo", "dana", "kartu kredit"]),
        new("konfirmasi-bayar", "Bagaimana cara konfirmasi pembayaran?", "Pembayaran lewat virtual account, QRIS dan e-wallet terkonfirmasi otomatis dalam beberapa menit. Untuk transfer manual, kirim foto bukti transfer beserta nomor pesanan di chat ini.", ["konfirmasi", "bukti transfer", "payment confirmation", "sudah bayar"]),
        new("cicilan", "Apakah bisa dicicil?", "Bisa: cicilan 0% 3 dan 6 bulan dengan kartu kredit BCA dan Mandiri, atau paylater Kredivo dan Akulaku, untuk belanja minimal Rp500.000.", ["cicilan", "installment", "paylater", "kredivo", "akulaku", "kredit"]),
        new("batas-bayar", "Berapa lama batas waktu pembayaran?", "Selesaikan pembayaran dalam 24 jam setelah checkout. Lewat dari itu pesanan batal otomatis dan stok dilepas kembali.", ["batas waktu", "deadline", "kedaluwarsa", "expired", "batal otomatis"]),
        new("retur", "Bagaimana cara retur atau tukar barang?", "Retur atau tukar ukuran/warna bisa dalam 7 hari setelah barang diterima, selama label masih terpasang dan belum dicuci. Isi formulir retur di tokobatiksekar.id/retur lalu kirim barangnya ke alamat toko.", ["retur", "tukar", "return", "exchange", "tukar ukuran"]),
        new("refund", "Berapa lama proses refund?", "Dana dikembalikan 3–5 hari kerja setelah barang retur kami terima dan periksa, ke rekening atau e-wallet yang kamu pakai untuk membayar.", ["refund", "pengembalian dana", "uang kembali", "money back"]),
        new("rusak", "Barang yang saya terima rusak atau cacat, bagaimana?", "Mohon maaf atas ketidaknyamanannya. Kirim foto dan video unboxing di chat ini paling lambat 2x24 jam setelah paket diterima; kami ganti dengan barang baru, ongkir kami tanggung.", ["rusak", "cacat", "damaged", "defect", "sobek", "jahitan lepas"]),
        new("salah-kirim", "Barang yang dikirim tidak sesuai pesanan", "Mohon maaf! Kirim foto barang dan label paket di chat ini. Kami kirim barang yang benar dan menanggung ongkir tukarnya.", ["salah kirim", "wrong item", "tidak sesuai", "beda warna", "salah ukuran"]),
        new("size-chart", "Bagaimana panduan ukuran (size chart)?", "Lingkar dada kemeja: S 96 cm, M 102 cm, L 108 cm, XL 114 cm, XXL 120 cm; panjang badan 70–78 cm. Size chart lengkap per produk ada di foto terakhir halaman produk.", ["size chart", "ukuran", "size", "lingkar dada", "panduan ukuran"]),
        new("fit", "Ukurannya pas badan atau longgar?", "Potongan kami regular fit sesuai ukuran standar Indonesia. Kalau suka longgar atau ragu di antara dua ukuran, pilih satu ukuran lebih besar.", ["fit", "longgar", "kekecilan", "kebesaran", "pas badan"]),
        new("big-size", "Apakah ada ukuran besar (jumbo)?", "Ada, kemeja dan gamis tersedia sampai 3XL (lingkar dada 126 cm). Cari label 'Big Size' di website.", ["big size", "jumbo", "xxl", "3xl", "plus size"]),
        new("bahan", "Bahannya dari apa?", "Kemeja dan dress kami dari katun primisima dan rayon yang adem dan menyerap keringat; batik tulis memakai kain katun prima. Detail bahan ada di deskripsi setiap produk.", ["bahan", "kain", "material", "fabric", "katun"]),
        new("perawatan", "Bagaimana cara mencuci dan merawat batik?", "Cuci dengan tangan memakai air dingin dan sabun lerak atau sabun lembut, jangan diperas dan jangan direndam lama, jemur terbalik di tempat teduh, setrika dengan suhu sedang.", ["cuci", "mencuci", "perawatan", "care", "laundry", "luntur"]),
        new("jam-buka", "Jam buka toko kapan saja?", "Toko dan admin chat buka Senin–Sabtu pukul 09.00–21.00 WIB, Minggu 10.00–18.00 WIB. Pesanan online bisa dibuat kapan saja.", ["jam buka", "jam operasional", "opening hours", "buka", "tutup"]),
        new("alamat", "Di mana alamat toko offline?", "Toko kami di Jl. Malioboro No. 123, Yogyakarta (depan Pasar Beringharjo). Cari 'Toko Batik Sekar' di Google Maps.", ["alamat", "lokasi", "address", "toko offline", "store location", "maps"]),
        new("libur", "Apakah toko buka saat libur Lebaran dan tanggal merah?", "Saat Idul Fitri toko tutup H-2 sampai H+3. Tanggal merah lain toko buka pukul 10.00–18.00. Pesanan online selama libur dikirim di hari kerja berikutnya.", ["libur", "lebaran", "tanggal merah", "holiday", "idul fitri"]),
        new("stok", "Apakah produk ini masih ready stock?", "Stok di website selalu terbaru: selama produk bisa dimasukkan ke keranjang, barangnya tersedia dan siap kirim.", ["stok", "ready", "tersedia", "available", "in stock"]),
        new("restock", "Kapan restock produk yang habis?", "Produk yang habis biasanya restock dalam 2–3 minggu. Klik 'Kabari Saya' di halaman produk agar dapat notifikasi saat tersedia lagi.", ["restock", "habis", "sold out", "kosong"]),
        new("preorder", "Bagaimana sistem pre-order?", "Produk pre-order dibayar lunas saat pemesanan dan dikirim 14 hari kerja setelah pembayaran. Tanggal kirim tercantum di halaman produk.", ["preorder", "pre-order", "pesan dulu"]),
        new("voucher", "Bagaimana cara memakai kode voucher?", "Masukkan kode voucher di kolom 'Kode Promo' pada halaman checkout lalu klik Pakai. Satu pesanan hanya bisa memakai satu kode.", ["voucher", "kode promo", "promo code", "kupon", "coupon"]),
        new("reseller", "Bagaimana cara menjadi reseller atau dropshipper?", "Reseller dapat diskon 20% untuk pembelian minimal 12 pcs campur model. Dropshipper tanpa minimal, paket dikirim atas nama tokomu. Daftar di tokobatiksekar.id/mitra.", ["reseller", "dropship", "dropshipper", "grosir", "wholesale", "mitra"]),
        new("member", "Apa keuntungan menjadi member?", "Member dapat poin 1% dari setiap belanja yang bisa ditukar potongan harga, promo ulang tahun, dan akses duluan ke koleksi baru. Daftar gratis di website.", ["member", "membership", "poin", "loyalty", "keanggotaan"]),
        new("batal", "Bagaimana cara membatalkan atau mengubah pesanan?", "Pesanan bisa dibatalkan atau diubah (ukuran, warna, alamat kirim) selama belum dikirim: balas chat ini dengan nomor pesanan dan perubahannya.", ["batal", "cancel", "ubah pesanan", "ganti alamat", "change order", "change address"]),
        new("invoice", "Apakah bisa minta invoice atau faktur pajak?", "Invoice dikirim otomatis ke email setelah pembayaran. Faktur pajak bisa diminta untuk pembeli ber-NPWP: kirim NPWP dan nomor pesanan ke chat ini.", ["invoice", "faktur", "nota", "receipt", "npwp", "kuitansi"]),
        new("gift", "Do you offer gift wrapping?", "Yes! Choose 'Gift wrap' (Rp10.000) at checkout and write your card message in the order notes. We never put prices inside gift parcels.", ["gift wrap", "kado", "bungkus kado", "hadiah", "gift"], "en"),
        new("custom", "Apakah menerima pesanan custom atau seragam?", "Kami menerima pesanan seragam batik kantor, sekolah atau acara mulai 24 pcs, dengan motif dan warna pilihan. Pengerjaan 3–4 minggu setelah desain disetujui.", ["custom", "seragam", "uniform", "bulk order", "pesanan khusus"]),
        new("akun", "Saya lupa password akun, bagaimana?", "Klik 'Lupa kata sandi' di halaman masuk, masukkan email akunmu, lalu ikuti link reset yang kami kirim ke email tersebut.", ["lupa password", "reset password", "login", "akun", "kata sandi", "masuk"]),
        new("pickup", "Can I pick up my order at the store?", "Yes. Choose 'Ambil di toko' at checkout; your order is ready for pickup in 2 hours during opening hours. Show the order number at the cashier.", ["pickup", "pick up", "ambil di toko", "ambil sendiri", "click and collect"], "en"),
    ];

    public static IReadOnlyList<Probe> Probes { get; } =
    [
        // Shipping
        new("ongkirnya berapa kak?", "ongkir"),
        new("berapa biaya pengiriman ke surabaya?", "ongkir"),
        new("how much is the shipping cost?", "ongkir"),
        new("ongkr ke bandung brp ya", "ongkir"),
        new("ada free ongkir ga?", "ongkir"),
        new("bisa kirim pakai jne?", "kurir"),
        new("ekspedisinya apa aja min?", "kurir"),
        new("which courier do you use?", "kurir"),
        new("brp lama paket sampe ke makassar?", "lama-kirim"),
        new("how long does delivery take?", "lama-kirim"),
        new("kalau order hari ini kapan dikirim?", "jadwal-kirim"),
        new("gimana cara lacak paket saya?", "lacak"),
        new("nomor resi saya mana ya?", "lacak"),
        new("can I track my order?", "lacak"),
        new("do you ship to malaysia?", "internasional"),
        new("bisa kirim ke luar negeri?", "internasional"),

        // Payment
        new("bisa cod gak?", "cod"),
        new("can I pay cash on delivery?", "cod"),
        new("bayar ditempat bisa kak?", "cod"),
        new("bisa bayar pakai gopay?", "metode-bayar"),
        new("pembayaran via qris bisa?", "metode-bayar"),
        new("what payment methods do you accept?", "metode-bayar"),
        new("sudah transfer, konfirmasinya gimana?", "konfirmasi-bayar"),
        new("bukti tf dikirim kemana?", "konfirmasi-bayar"),
        new("bisa cicil pakai kartu kredit?", "cicilan"),
        new("ada paylater ga?", "cicilan"),
        new("do you have installment?", "cicilan"),
        new("batas waktu bayar berapa jam?", "batas-bayar"),

        // Returns
        new("cara retur barang gimana?", "retur"),
        new("mau tukar ukuran bisa?", "retur"),
        new("how do I return an item?", "retur"),
        new("refund nya berapa lama masuk?", "refund"),
        new("when will I get my money back?", "refund"),
        new("barangnya rusak pas sampai", "rusak"),
        new("bajunya cacat, jahitannya lepas", "rusak"),
        new("the item arrived damaged", "rusak"),
        new("barang yg dikirim salah warna, tidak sesuai pesanan", "salah-kirim"),

        // Sizes and products
        new("size chart nya ada?", "size-chart"),
        new("lingkar dada ukuran M berapa cm?", "size-chart"),
        new("ukurannya pas badan ga?", "fit"),
        new("ada ukuran jumbo?", "big-size"),
        new("do you have plus size?", "big-size"),
        new("bahannya apa kak?", "bahan"),
        new("what fabric is it made of?", "bahan"),
        new("cara nyuci batik biar ga luntur?", "perawatan"),
        new("masih ready stock?", "stok"),
        new("is this item available?", "stok"),
        new("kapan restok lagi?", "restock"),
        new("sistem preorder nya gimana?", "preorder"),

        // Store
        new("toko buka jam berapa?", "jam-buka"),
        new("what are your opening hours?", "jam-buka"),
        new("alamat tokonya dimana?", "alamat"),
        new("where is your store located?", "alamat"),
        new("lebaran buka ga?", "libur"),
        new("bisa ambil sendiri di toko?", "pickup"),
        new("can I pick up my order?", "pickup"),

        // Orders and accounts
        new("kode voucher nya masukin dimana?", "voucher"),
        new("how to use a promo code?", "voucher"),
        new("mau jadi reseller syaratnya apa?", "reseller"),
        new("bisa dropship?", "reseller"),
        new("keuntungan member apa aja?", "member"),
        new("mau batalin pesanan", "batal"),
        new("can I change my shipping address?", "batal"),
        new("minta invoice bisa?", "invoice"),
        new("bisa dibungkus kado?", "gift"),
        new("bisa pesan seragam kantor 50 pcs?", "custom"),
        new("lupa pasword akun", "akun"),

        // Not in the knowledge base: any reply would be wrong.
        new("apakah kalian jual iphone 15?", null),
        new("berapa harga emas hari ini?", null),
        new("ada lowongan kerja?", null),
        new("can you recommend a good restaurant nearby?", null),
        new("siapa presiden indonesia?", null),
        new("halo", null),
        new("terima kasih kak", null),
        new("jual sepatu nike ga?", null),
        new("bagaimana cuaca di jogja besok?", null),
        new("nomor rekening BCA nya berapa?", null),
        new("apakah ada diskon khusus mahasiswa?", null),
        new("kamu robot ya?", null),
        new("berapa gaji karyawan di sini?", null),

        // Asking for a person: hand off whatever else matches.
        new("mau bicara dengan admin", null),
        new("bisa sambung ke CS? ongkirnya salah", null),
        new("I want to talk to a human", null),
        new("tolong hubungkan ke operator", null),
        new("saya mau ngobrol sama manusia saja", null),
    ];

    public static IReadOnlyList<KnowledgeEntry> Entries { get; } = [.. Items.Select((item, i) => new KnowledgeEntry(
        IdOf(item.Key),
        item.Question,
        item.Answer,
        item.Tags,
        item.Language,
        DateTimeOffset.UnixEpoch.AddMinutes(i),
        DateTimeOffset.UnixEpoch.AddMinutes(i)))];

    public static Guid IdOf(string key) => Domain.Common.NameBasedGuid.From("shop-knowledge:" + key);

    public static string KeyOf(Guid id) => Items.Single(i => IdOf(i.Key) == id).Key;
}
