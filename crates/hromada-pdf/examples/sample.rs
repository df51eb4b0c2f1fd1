//! Writes a realistic certificate to the path given as the argument:
//!
//! ```sh
//! cargo run -p hromada-pdf --example sample -- /tmp/sample.pdf
//! pdftotext /tmp/sample.pdf -
//! ```

use hromada_pdf::{Qr, Sheet, render};
use qrcode::{Color, EcLevel, QrCode};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args_os().nth(1) else {
        return Err("usage: sample OUT.pdf".into());
    };
    let given = std::env::args().nth(2);
    let url = given.as_deref().unwrap_or("https://bucha.hromada.example/v/7Q4K-2M9X-HT3R");
    let code = QrCode::with_error_correction_level(url, EcLevel::M)?;
    let dark: Vec<bool> = code.to_colors().into_iter().map(|color| color == Color::Dark).collect();
    let rows = [
        ("Прізвище, ім’я, по батькові", "Коваль Олена Петрівна"),
        ("Дата народження", "14.03.1987"),
        ("РНОКПП", "3187604521"),
        ("Адреса задекларованого місця проживання", "Київська обл., Бучанський р-н, м. Буча, вул. Вокзальна, буд. 42, кв. 17"),
        ("Послуга", "Довідка про склад сім’ї"),
        (
            "Зміст",
            "Видана на підтвердження того, що за вказаною адресою разом із заявницею зареєстровані:\n\
             Коваль Андрій Іванович — чоловік, 1985 р. н.;\n\
             Коваль Марʼяна Андріївна — донька, 2012 р. н.;\n\
             Коваль Ігор Андрійович — син, 2016 р. н.",
        ),
        ("Адміністративний збір", "0,00 ₴ (послуга безоплатна)"),
        ("Реєстраційний номер", "№ 01-27/4521 від 05.05.2025"),
        ("Видав", "Центр надання адміністративних послуг Бучанської міської ради, адміністраторка Ґудзь Євгенія Їжакевич"),
    ];
    let sheet = Sheet {
        lang: "uk",
        issuer: "Бучанська міська територіальна громада",
        title: "Довідка про склад сім’ї",
        rows: &rows,
        qr: Some(Qr { width: code.width(), dark: &dark }),
        qr_caption: &["Перевірити справжність документа:", "наведіть камеру на QR-код або відкрийте", url],
        footer: &[
            "Документ сформовано в електронній формі та підписано кваліфікованою електронною печаткою Бучанської міської ради.",
            "Справжність можна перевірити за QR-кодом або на сторінці bucha.hromada.example/v, ввівши код 7Q4K-2M9X-HT3R.",
        ],
    };
    std::fs::write(path, render(&sheet))?;
    Ok(())
}
