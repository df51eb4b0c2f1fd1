# Ukrainian, the default language. Keep keys in step with en.ftl (a test checks).

site-name = Громада
site-tagline = Публічні послуги громад онлайн
skip-link = Перейти до основного вмісту
lang-switch-label = English
lang-switch-code = en
lang-switch-hint = Switch to English
demo-banner = Демонстраційна версія. Усі дані вигадані, заяви не мають юридичної сили.
breadcrumbs = Ви тут
# Glossary (issue 21): plain explanations of the words services use
glossary-title = Словник
glossary-intro = Прості пояснення слів, які трапляються в описах послуг і в заявах. На сторінках послуг такі слова — посилання сюди.
glossary-search-label = Знайти слово
glossary-search-hint = Можна писати великими чи малими літерами, з апострофом будь-якого виду.
glossary-search-button = Знайти
glossary-found = { $count ->
    [one] Знайдено { $count } слово
    [few] Знайдено { $count } слова
   *[many] Знайдено { $count } слів
}
glossary-none = Такого слова в словнику немає. Спробуйте інше написання або запитайте в ЦНАП громади.
glossary-all = Показати всі слова
glossary-common = Загальні слова
glossary-service = Слова послуги «{ $service }»
# places import: the codifier of administrative-territorial units (КАТОТТГ), katottg.rs
katottg-too-large = файл завеликий ({ $megabytes } МБ; можна щонайбільше { $limit } МБ). Кодифікатор у CSV займає кілька мегабайтів: чи це той файл?
katottg-spreadsheet = це таблиця Excel (XLSX чи XLS) або архів ZIP, а не CSV. Відкрийте її в табличному редакторі й збережіть як «CSV UTF-8».
katottg-not-text = це не текст у кодуванні UTF-8 чи Windows-1251. Збережіть кодифікатор як «CSV UTF-8».
katottg-no-header = немає рядка заголовків, і це не рядок кодифікатора. Потрібні стовпці «Перший рівень», «Другий рівень», «Третій рівень», «Четвертий рівень», «Додатковий рівень», «Категорія об’єкта» і «Назва об’єкта», розділені крапкою з комою, комою чи табуляцією.
katottg-missing-column = немає стовпця «{ $column }».
katottg-duplicate-column = стовпець «{ $column }» є двічі.
katottg-field-count = у рядку полів: { $found }, а в заголовку: { $expected }. Якщо назва містить розділювач, візьміть її в лапки.
katottg-unclosed-quote = лапки, відкриті в цьому рядку, ніде не закрито.
katottg-bad-code = «{ $value }» у стовпці «{ $column }» — не код КАТОТТГ (UA і 17 цифр).
katottg-missing-code = стовпець «{ $column }» порожній, а рядок категорії { $category } потребує там коду.
katottg-unexpected-code = у стовпці «{ $column }» є код, а в рядку категорії { $category } він має бути порожнім. Чи правильна категорія?
katottg-wrong-level = { $code } у стовпці «{ $column }» — не код { $level ->
    [oblast] області
    [raion] району
   *[community] громади
}.
katottg-unknown-category = невідома категорія «{ $value }». Має бути одна з літер O, K, P, H, M, X, C, B, T (латиницею чи кирилицею).
katottg-empty-name = порожня назва.
katottg-duplicate-code = код { $code } уже є в рядку { $line }.
katottg-oblast-missing = області { $code } зі стовпця «Перший рівень» немає у файлі.
katottg-raion-missing = району { $code } зі стовпця «Другий рівень» немає у файлі.
katottg-outside-oblast = код { $code } не належить до області { $oblast } зі стовпця «Перший рівень».
katottg-outside-raion = код громади { $code } не належить до району { $raion } зі стовпця «Другий рівень».
katottg-empty-slug = з цієї назви не вийде адреса сторінки: у ній немає ні літер, ні цифр.
katottg-reserved-slug = назва дає адресу «{ $slug }», яку вже використовують сторінки самої платформи.
katottg-slug-taken = назва дає адресу «{ $slug }», яку вже дає рядок { $line }.
katottg-no-reference-code = не лишилося вільного трилітерного коду для номерів заяв.
katottg-nothing-to-import = у файлі немає жодної області (O), міста зі спеціальним статусом (K) чи громади (H).
places-import-read-failed = не вдається прочитати файл: { $error }
places-import-refused = нічого не записано: помилок — { $count }.
places-import-more = … і ще { $count } (показано перші { $shown }).
places-import-region-slug-taken = адресу «{ $slug }» уже має інша область, з кодом { $code }.
places-import-slugs-taken = адреси { $slugs } уже мають інші громади.
places-import-store-refused = нічого не записано: { $error }
places-import-windows-1251 = Файл у кодуванні Windows-1251: його прочитано як такий.
places-import-regions = Регіони: додано { $added }, змінено { $changed }, без змін { $unchanged }.
places-import-communities = Громади: додано { $added }, змінено { $changed }, без змін { $unchanged }.
places-import-unpublished = Нові громади ще не опубліковані: їх публікують адміністратори регіонів, коли громада має свій ЦНАП і послуги.
places-import-dry-run = Пробний запуск (--dry-run): нічого не записано.

footer-glossary = Словник: прості пояснення слів

nav-home = Усі громади
footer-about = «Громада» — відкрита платформа публічних послуг для громад України.
footer-help = Потрібна допомога? Зверніться до центру надання адміністративних послуг (ЦНАП) своєї громади.

search-label = Знайдіть послугу
search-hint = Наприклад: довідка, субсидія, реєстрація
search-button = Знайти

home-title = Публічні послуги громад
home-intro = Оберіть свою громаду, щоб побачити її послуги, або знайдіть послугу за назвою.
home-regions = Області та громади
community-services-count = { $count ->
    [one] { $count } послуга
    [few] { $count } послуги
   *[many] { $count } послуг
}

community-title = Послуги громади
contact-address = Адреса
contact-phone = Телефон
contact-email = Електронна пошта
need-help-title = Потрібна допомога?
need-help-intro = Працівники ЦНАП громади допоможуть подати заяву й відповідять на запитання.
need-help-remote = { $count ->
    [one] { $count } віддалене робоче місце
    [few] { $count } віддалені робочі місця
   *[many] { $count } віддалених робочих місць
}
centre-weekday-1 = Понеділок
centre-weekday-2 = Вівторок
centre-weekday-3 = Середа
centre-weekday-4 = Четвер
centre-weekday-5 = П’ятниця
centre-weekday-6 = Субота
centre-weekday-7 = Неділя
centre-today-hours = Сьогодні { $hours }
centre-today-hours-break = Сьогодні { $hours }, перерва { $break }
centre-today-closed = Сьогодні зачинено
centre-hours-unknown = Години роботи не вказано: зателефонуйте, перш ніж іти.
centre-open-now = зараз відчинено
centre-closed-now = зараз зачинено
centre-on-break = зараз перерва до { $time }
centre-opens-at = зараз зачинено, відчиниться о { $time }
centre-kind-main = Центр надання адміністративних послуг (ЦНАП)
centre-kind-remote = Віддалене робоче місце ЦНАП
centre-col-day = День
centre-col-opens = Початок роботи
centre-col-closes = Кінець роботи
centre-col-break = Перерва
centre-closed = Зачинено
centre-no-break = Без перерви
centre-today-mark = (сьогодні)
centre-accessibility = Доступність
centre-collected = Тут видають результат послуг
service-collect = Де отримати результат
service-local = Від громади
service-department = Відповідальний підрозділ
contact-hours = Години роботи

catalogue-filter = Показати послуги
catalogue-categories = За категорією
catalogue-situations = За життєвою ситуацією
catalogue-all = Усі послуги
catalogue-services = Послуги
catalogue-found = { $count ->
    [one] Знайдено { $count } послугу
    [few] Знайдено { $count } послуги
   *[many] Знайдено { $count } послуг
}
catalogue-none = Нічого не знайдено. Спробуйте інше слово або перегляньте всі послуги.
catalogue-current = (обрано)

category-residence = Місце проживання
category-certificates = Довідки та витяги
category-social = Соціальна підтримка
category-housing = Житло
category-transparency = Доступ до інформації
category-appeals = Звернення громадян
category-environment = Довкілля і благоустрій
category-transport = Транспорт і паркування
category-business = Для бізнесу

situation-moved = Я переїхав або переїхала
situation-home-damaged = Моє житло пошкоджене
situation-displaced = Я внутрішньо переміщена особа
situation-need-information = Мені потрібна інформація
situation-low-income = Мені бракує коштів
situation-disability = Я маю інвалідність
situation-have-a-complaint = Я хочу поскаржитися чи запропонувати
situation-run-a-business = Я веду бізнес
situation-new-child = У нас народилася дитина
situation-green-spaces = Дерева і зелені насадження

service-who = Хто може звернутися
service-need = Що потрібно підготувати
service-need-none = Окремих документів не потрібно.
service-time = Скільки часу це займає
service-cost = Вартість
service-legal = Правова підстава
service-how = Як звернутися
service-account-required = Потрібен обліковий запис на порталі. Його можна створити, коли почнете.
service-account-optional = Обліковий запис не потрібен: достатньо адреси електронної пошти.
service-start = Почати
service-in-person = Також можна звернутися особисто до ЦНАП громади або попросити працівника ЦНАП подати заяву разом із вами.
service-version = Версія опису послуги: { $version }

deadline-same-day = У день звернення.
deadline-calendar = { $days ->
    [one] { $days } календарний день
    [few] { $days } календарні дні
   *[many] { $days } календарних днів
}
deadline-working = { $days ->
    [one] { $days } робочий день
    [few] { $days } робочі дні
   *[many] { $days } робочих днів
}
deadline-extendable-calendar = { $days ->
    [one] Строк можуть продовжити до { $days } календарного дня, про що вас повідомлять із поясненням причини.
   *[other] Строк можуть продовжити до { $days } календарних днів, про що вас повідомлять із поясненням причини.
}
deadline-extendable-working = { $days ->
    [one] Строк можуть продовжити до { $days } робочого дня, про що вас повідомлять із поясненням причини.
   *[other] Строк можуть продовжити до { $days } робочих днів, про що вас повідомлять із поясненням причини.
}
fee-free = Безоплатно.
fee-fixed = { $amount } грн.

apply-title = Звернутися онлайн
apply-back = Повернутися до опису послуги

search-title = Пошук послуг
search-results = Результати пошуку «{ $query }»
search-offered-in = Де надається:
search-empty = Введіть слово, щоб знайти послугу.

not-found-title = Сторінку не знайдено
not-found-text = Можливо, адресу введено з помилкою або сторінку перенесено. Перевірте адресу або почніть з головної сторінки.
not-found-home = Перейти на головну сторінку
error-title = Сталася помилка
error-text = Нам не вдалося показати цю сторінку. Спробуйте ще раз за кілька хвилин. Якщо помилка повторюється, зверніться до ЦНАП.
unavailable-title = Сервіс тимчасово недоступний
error-prefix = Помилка:{ " " }
csrf-title = Форму не прийнято
csrf-text = Форма застаріла або надіслана з іншого сайту. Поверніться назад, оновіть сторінку і спробуйте ще раз.

# Accounts
error-summary-title = Виправте, будь ласка
nav-sign-in = Увійти
nav-applications = Мої заяви
nav-staff = Робоча черга
nav-account = Мій кабінет
nav-sign-out = Вийти
field-email = Адреса електронної пошти
field-email-hint = На неї ми надішлемо посилання для підтвердження.
field-name = Ваше ім’я
field-name-hint = Так до вас звертатимуться в листах. Можна лише ім’я.
field-password = Пароль
field-new-password = Новий пароль
field-current-password = Поточний пароль
field-password-hint = Щонайменше 12 символів. Найлегше запам’ятати кілька випадкових слів, наприклад «зелений чайник їде додому».
register-title = Створіть обліковий запис
register-intro = Обліковий запис потрібен, щоб подавати заяви онлайн і стежити за ними.
register-submit = Створити обліковий запис
register-have-account = Уже маєте обліковий запис? Увійдіть
register-sent-title = Перевірте пошту
register-sent-text = Ми надіслали лист на { $email }. Відкрийте посилання в ньому протягом 24 годин, щоб підтвердити адресу. Якщо листа немає, перевірте папку «Спам».
confirm-done-title = Адресу підтверджено
confirm-done-text = Дякуємо! Тепер ви можете увійти.
confirm-bad-title = Посилання не діє
confirm-bad-text = Посилання вже використано або строк його дії минув. Увійдіть або зареєструйтеся ще раз, і ми надішлемо нове.
sign-in-title = Увійдіть
sign-in-submit = Увійти
sign-in-forgot = Забули пароль?
sign-in-register = Немає облікового запису? Створіть його
sign-in-wrong = Адреса або пароль неправильні. Перевірте їх і спробуйте ще раз.
sign-in-unconfirmed = Спершу підтвердьте адресу електронної пошти: ми щойно надіслали новий лист із посиланням.
throttled-title = Забагато спроб
throttled-text = Для вашої безпеки спроби тимчасово обмежено. Спробуйте знову через { $minutes ->
    [one] { $minutes } хвилину
    [few] { $minutes } хвилини
   *[many] { $minutes } хвилин
}.
account-title = Мій кабінет
account-email = Електронна пошта
account-name = Ім’я
account-change-password = Змінити пароль
account-sign-out-everywhere = Вийти на всіх пристроях
account-sign-out-everywhere-hint = Якщо ви входили на чужому пристрої або підозрюєте, що пароль знає хтось інший.
signed-out-title = Ви вийшли
signed-out-text = До зустрічі!
signed-out-everywhere-text = Ви вийшли на всіх пристроях.
password-title = Змініть пароль
password-submit = Змінити пароль
password-changed-title = Пароль змінено
password-changed-text = Ми надіслали вам лист про це. На інших пристроях потрібно буде увійти знову.
forgot-title = Відновіть доступ
forgot-intro = Введіть адресу, з якою ви зареєструвалися. Ми надішлемо посилання, щоб задати новий пароль. Посилання діє одну годину.
forgot-submit = Надіслати посилання
forgot-sent-title = Перевірте пошту
forgot-sent-text = Якщо адреса { $email } зареєстрована, на неї вже йде лист із посиланням. Воно діє одну годину.
reset-title = Задайте новий пароль
reset-submit = Зберегти пароль
reset-done-title = Пароль змінено
reset-done-text = Тепер увійдіть з новим паролем.
error-email-empty = Введіть адресу електронної пошти
error-email-format = Введіть адресу електронної пошти у форматі name@example.com
error-password-empty = Введіть пароль
error-password-short = Пароль має містити щонайменше 12 символів
error-password-long = Пароль задовгий: не більше 1024 символів
error-password-common = Цей пароль надто поширений або простий. Додайте ще кілька слів
error-password-personal = Пароль не має містити вашу адресу чи ім’я
error-current-password = Поточний пароль неправильний
error-name-long = Ім’я задовге: не більше 100 символів
mail-confirm-subject = Підтвердьте адресу електронної пошти
mail-confirm-body = Вітаємо!
    
    Щоб підтвердити адресу й завершити реєстрацію на порталі «Громада», відкрийте посилання:
    { $link }
    
    Посилання діє 24 години. Якщо ви не реєструвалися, нічого не робіть.
mail-exists-subject = Спроба реєстрації з вашою адресою
mail-exists-body = Вітаємо!
    
    Хтось (можливо, ви) намагався зареєструватися на порталі «Громада» з цією адресою, але обліковий запис уже є. Щоб увійти, відкрийте { $link }
    Якщо забули пароль, відновіть його на сторінці входу. Якщо це були не ви, нічого не робіть.
mail-reset-subject = Відновлення пароля
mail-reset-body = Вітаємо!
    
    Щоб задати новий пароль, відкрийте посилання:
    { $link }
    
    Посилання діє одну годину і спрацює лише раз. Якщо ви не просили змінити пароль, нічого не робіть: пароль залишиться тим самим.
mail-password-changed-subject = Ваш пароль змінено
mail-password-changed-body = Вітаємо!
    
    Пароль вашого облікового запису на порталі «Громада» щойно змінено. Якщо це були не ви, негайно відновіть доступ: { $link }

# Staff
account-roles = Ролі
role-operator = Оператор ЦНАП
role-officer = Посадова особа
role-supervisor = Керівник відділу
role-community_admin = Адміністратор громади
role-regional_admin = Адміністратор області
role-auditor = Аудитор
role-installation_admin = Адміністратор встановлення
scope-installation = усе встановлення
# The installation's and regions' administrators (/admin/regions…, /admin/installation)
admin-regions-title = Області встановлення
admin-regions-intro = Області й міста зі спеціальним статусом, у яких працюють громади цього встановлення. Громади області додають і публікують її адміністратори.
admin-regions-none = Областей ще немає. Додайте першу або імпортуйте кодифікатор командою hromada places import.
admin-regions-caption = Області, їхні коди та громади
admin-regions-all = Усі області
admin-region = Область
admin-region-add = Додати область
admin-region-add-intro = Назви й код — як у кодифікаторі адміністративно-територіальних одиниць (КАТОТТГ).
admin-region-add-submit = Додати область
admin-region-slug = Адреса в посиланнях
admin-region-communities = Громади області
admin-katottg = Код КАТОТТГ
admin-communities-count = Громад
admin-published-count = Опубліковано
admin-unpublished-count = Не опубліковано
admin-actions = Дії
admin-edit = Змінити
admin-save = Зберегти зміни
admin-invite-regional = Запросити адміністратора області
admin-invite-region-staff = Запросити адміністратора або аудитора області
admin-invite-community = Запросити адміністратора громади
admin-invite-installation = Запросити ще одного адміністратора встановлення
admin-installation-section = Встановлення
admin-installation-title = Налаштування встановлення
admin-installation-intro = Назва встановлення та адреса, за якою його відкривають мешканці.
admin-installation-saved = Налаштування збережено. Нову адресу посилання в листах матимуть після перезапуску сервера (якщо public_url не задано в конфігурації).
admin-communities-of = Громади: { $region }
admin-communities-caption = Громади області
admin-communities-intro = Нова громада спершу не опублікована: мешканці побачать її, коли ви її опублікуєте.
admin-communities-read-only = Громади цієї області. Додають і публікують їх адміністратори області.
admin-communities-none = У цій області ще немає громад.
admin-communities-table = Громади, їхні коди та стан
admin-community = Громада
admin-community-add = Додати громаду
admin-community-add-intro = Назви й код КАТОТТГ — як у кодифікаторі. Мешканці побачать громаду, коли ви її опублікуєте.
admin-community-add-submit = Додати громаду
admin-back-to-region = Громади: { $region }
admin-code = Код справ
admin-address = Адреса
admin-state = Стан
admin-published = Опубліковано
admin-unpublished = Не опубліковано
admin-publish = Опублікувати
admin-unpublish = Зняти з публікації
admin-publish-title = Опублікувати: { $name }?
admin-publish-text = Мешканці побачать громаду в каталозі, її послуги та сторінки й зможуть подавати заяви онлайн.
admin-unpublish-title = Зняти з публікації: { $name }?
admin-unpublish-text = Сторінки громади для мешканців відповідатимуть «Сторінку не знайдено», і нові заяви онлайн подати не вийде. Працівники громади й далі працюватимуть зі справами, які вже є.
admin-publication-cancel = Ні, повернутися до громад
admin-field-name-uk = Назва українською
admin-field-name-en = Назва англійською
admin-field-katottg = Код КАТОТТГ
admin-field-code = Код для номерів справ
admin-field-slug = Адреса в посиланнях
admin-field-public-url = Публічна адреса
admin-hint-region-name-uk = Наприклад, Київська область
admin-hint-community-name-uk = Наприклад, Бучанська громада
admin-hint-installation-name-uk = Наприклад, Громада — послуги Київщини
admin-hint-name-en = Наприклад, Kyiv Oblast. Якщо залишити порожнім, англійською показуватимемо українську назву
admin-hint-region-katottg = UA і 17 цифр, код області чи міста зі спеціальним статусом у кодифікаторі, наприклад UA32000000000030281
admin-hint-community-katottg = UA і 17 цифр, код громади (категорія H) у кодифікаторі, наприклад UA32080070000050759
admin-hint-code = Три латинські великі літери, якими починаються номери справ громади, як BUC у BUC-2026-000123. Коли громада отримає першу заяву, код змінити не можна
admin-hint-region-slug = Латинські малі літери, цифри й дефіси, наприклад kyivska. Залиште порожнім, і ми зробимо її з української назви. Потім її змінити не можна
admin-hint-community-slug = Латинські малі літери, цифри й дефіси: сторінка громади буде за адресою /buchanska. Залиште порожнім, і ми зробимо її з української назви. Потім її змінити не можна
admin-hint-public-url = Лише https:// та ім’я сайту, без шляху, наприклад https://hromada.example.gov.ua
admin-error-name-empty = Введіть назву українською
admin-error-name-long = Скоротіть назву до 150 символів
admin-error-katottg-empty = Введіть код КАТОТТГ
admin-error-katottg-format = Введіть код як UA і 17 цифр, наприклад { $example }
admin-error-katottg-not-region = Це не код області: у коді області чи міста зі спеціальним статусом після перших двох цифр ідуть нулі, наприклад { $example }
admin-error-katottg-not-community = Це не код громади: введіть код категорії H з кодифікатора, наприклад { $example }
admin-error-katottg-other-region = Цей код належить іншій області: коди громад цієї області починаються з { $prefix }
admin-error-katottg-taken = Код { $code } уже має { $place }: перевірте код у кодифікаторі
admin-error-slug-empty = Введіть адресу латинськими літерами: з назви її зробити не вдалося
admin-error-slug-format = Введіть адресу латинськими малими літерами, цифрами й дефісами, наприклад buchanska
admin-error-slug-reserved = Адресу «{ $slug }» займають сторінки самого порталу: введіть іншу, наприклад { $slug }-hromada
admin-error-slug-taken = Адресу «{ $slug }» уже має { $place }: введіть іншу
admin-error-code-empty = Введіть код для номерів справ
admin-error-code-format = Введіть три латинські великі літери, наприклад BUC
admin-error-code-taken = Код { $code } уже має { $place }: виберіть інший
admin-error-code-fixed = Справи громади вже пронумеровано кодом { $code }, тому його не можна змінити: залиште { $code }
admin-error-url-https = Введіть адресу, що починається з https://, наприклад https://hromada.example.gov.ua
admin-error-url-path = Залиште лише https:// та ім’я сайту, без шляху після нього, наприклад https://hromada.example.gov.ua
admin-error-url-format = Введіть ім’я сайту латинськими літерами, цифрами, крапками й дефісами, наприклад https://hromada.example.gov.ua
admin-done-added = Додано: { $name }.
admin-done-changed = Зміни збережено: { $name }.
admin-done-published = Опубліковано: { $name }. Мешканці побачать її сторінки за кілька секунд.
admin-done-unpublished = Знято з публікації: { $name }. Її сторінки зникнуть для мешканців за кілька секунд; працівники й далі працюють зі справами.
welcome-title = Ласкаво просимо до «Громади»
welcome-intro = Вас запросили працювати з порталом. Задайте пароль, а потім налаштуйте другий фактор входу.

## Community administrators: /admin/communities (profile, service centres, offer)
cadmin-index-title = Мої громади
cadmin-index-intro = Громади, профіль, службові центри й послуги яких ви ведете.
cadmin-published = опублікована
cadmin-unpublished = ще не опублікована
cadmin-sections = Розділи громади
cadmin-section-profile = Профіль
cadmin-section-centres = Службові центри
cadmin-section-services = Послуги
cadmin-cancel = Скасувати
cadmin-public-page = Сторінка громади для мешканців
cadmin-not-published = Громаду ще не опубліковано: мешканці побачать її, коли це зробить адміністратор області.
cadmin-profile-title = Профіль громади
cadmin-profile-submit = Зберегти профіль
cadmin-profile-saved = Профіль збережено. Мешканці побачать зміни за кілька секунд.
cadmin-name-uk = Офіційна назва українською
cadmin-name-en = Офіційна назва англійською
cadmin-katottg = Код КАТОТТГ
cadmin-katottg-hint = Код громади з кодифікатора адміністративно-територіальних одиниць: UA і 17 цифр, наприклад UA32080070000050759. Можна залишити порожнім.
cadmin-code = Код для номерів заяв
cadmin-code-hint = Три латинські великі літери, з яких починаються номери заяв громади, наприклад BUC у BUC-2026-000123.
cadmin-code-fixed-hint = Код { $code } не можна змінити: за ним уже є заяви.
cadmin-email = Електронна пошта громади
cadmin-phone = Телефон громади
cadmin-phone-hint = Наприклад, 044 123 45 67 або +380 44 123 45 67.
cadmin-website = Сайт громади
cadmin-website-hint = Адреса, що починається з https://. Можна залишити порожнім.
cadmin-error-too-long = «{ $label }»: скоротіть текст до { $max ->
    [one] { $max } символу
   *[other] { $max } символів
}
cadmin-error-name-uk = Введіть офіційну назву громади українською
cadmin-error-katottg-format = Код КАТОТТГ пишеться як UA і 17 цифр, наприклад UA32080070000050759
cadmin-error-katottg-level = Це код не громади: у коду громади (категорія H) є цифри області, району й громади, а на місці населеного пункту нулі, наприклад UA32080070000050759
cadmin-error-katottg-required = Код КАТОТТГ громади вже вказано: його можна виправити, але не стерти
cadmin-error-katottg-oblast = Цей код не з області громади: код громади починається так само, як код її області { $oblast } (перші дві цифри)
cadmin-error-katottg-taken = Код { $code } уже має { $community }: перевірте код у кодифікаторі
cadmin-error-code-format = Введіть три латинські літери, наприклад BUC
cadmin-error-code-taken = Код { $code } уже використовує { $community }: оберіть інший
cadmin-error-code-fixed = Код не можна змінити, бо за ним уже є заяви: залиште { $code }
cadmin-error-taken-meanwhile = Цей код щойно зайняла інша громада: оберіть інший
cadmin-error-email-empty = Введіть адресу електронної пошти громади
cadmin-error-phone-empty = Введіть номер телефону громади
cadmin-error-phone = Введіть український номер телефону, наприклад 044 123 45 67 або +380 44 123 45 67
cadmin-error-website = Введіть адресу сайту, що починається з https://, наприклад https://bucha-rada.gov.ua, або залиште поле порожнім
cadmin-centres-title = Службові центри
cadmin-centres-intro = ЦНАП громади та його віддалені робочі місця: їхні адреси, години роботи й телефони мешканці бачать на сторінках громади.
cadmin-centres-none = Службових центрів ще немає.
cadmin-centre-add = Додати службовий центр
cadmin-centre-add-title = Новий службовий центр
cadmin-centre-edit-title = Зміна службового центру
cadmin-centre-edit = Змінити
cadmin-centre-delete = Видалити
cadmin-centre-added = Службовий центр додано.
cadmin-centre-changed = Службовий центр збережено.
cadmin-centre-deleted = Службовий центр видалено.
cadmin-centre-submit = Зберегти центр
cadmin-centre-address = Адреса
cadmin-centre-phone = Телефон центру
cadmin-kind = Вид центру
cadmin-kind-main = ЦНАП
cadmin-kind-remote = Віддалене робоче місце
cadmin-centre-name-uk = Назва українською
cadmin-centre-name-hint = Наприклад, «Віддалене робоче місце ЦНАП у с. Блиставиця».
cadmin-centre-name-en = Назва англійською
cadmin-centre-address-uk = Адреса українською
cadmin-centre-address-hint = Вулиця, будинок, населений пункт; за потреби поверх чи кабінет.
cadmin-centre-address-en = Адреса англійською
cadmin-centre-access-uk = Доступність українською
cadmin-centre-access-hint = Що потрібно знати людям з інвалідністю: вхід без сходинок, індукційна петля, доступна вбиральня тощо.
cadmin-centre-access-en = Доступність англійською
cadmin-hours-title = Години роботи
cadmin-hours-hint = Для кожного дня позначте «Зачинено» або вкажіть, коли центр відчиняється й зачиняється, наприклад 8:00 чи 08.00. Перерву вказуйте за потреби.
cadmin-hours-caption = Години роботи
cadmin-hours-closed-box = Зачинено
cadmin-hours-closed = зачинено
cadmin-hours-with-break = { $hours }, перерва { $from }–{ $to }
cadmin-hours-opens = Відчиняється
cadmin-hours-closes = Зачиняється
cadmin-hours-break-from = Перерва з
cadmin-hours-break-to = Перерва до
cadmin-hours-missing = { $day }: вкажіть, коли центр відчиняється й зачиняється, або позначте «Зачинено»
cadmin-hours-closed-with-times = { $day }: позначено «Зачинено», але вказано час; зніміть позначку або зітріть час
cadmin-hours-time-missing = { $day }: заповніть поле «{ $label }»
cadmin-hours-time-unread = { $day }: «{ $label }» — не вдалося прочитати «{ $value }»; напишіть години й хвилини, наприклад 8:00 або 17.30
cadmin-hours-break-half = { $day }: вкажіть і початок, і кінець перерви або залиште обидва поля порожніми
cadmin-hours-closes-before = { $day }: центр має зачинятися пізніше, ніж відчиняється; перевірте час
cadmin-hours-break-backwards = { $day }: перерва має закінчуватися пізніше, ніж починається
cadmin-hours-break-outside = { $day }: перерва має бути всередині годин роботи ({ $hours })
cadmin-error-kind = Оберіть, ЦНАП це чи віддалене робоче місце
cadmin-error-second-main = У громади вже є ЦНАП — «{ $name }». Оберіть «Віддалене робоче місце» або змініть наявний ЦНАП
cadmin-error-centre-name = Введіть назву центру українською
cadmin-error-centre-address = Введіть адресу центру українською
cadmin-error-centre-phone-empty = Введіть номер телефону центру
cadmin-centre-delete-title = Видалити «{ $name }»?
cadmin-centre-delete-text = Мешканці більше не бачитимуть адреси, годин роботи й телефону «{ $name }».
cadmin-centre-delete-offers = { $count ->
    [one] Для { $count } послуги тут отримують результат: вона більше не вказуватиме, де його отримати.
   *[other] Для { $count } послуг тут отримують результат: вони більше не вказуватимуть, де його отримати.
}
cadmin-centre-delete-button = Видалити центр
cadmin-centre-delete-keep = Ні, залишити
cadmin-offers-title = Послуги громади
cadmin-offers-intro = Усі послуги встановлення. Громада надає ті, що ввімкнено; для кожної можна вказати місцеві умови.
cadmin-offers-count = { $count ->
    [one] Громада надає { $count } послугу.
    [few] Громада надає { $count } послуги.
   *[other] Громада надає { $count } послуг.
}
cadmin-offered = Надається
cadmin-not-offered = Не надається
cadmin-offer-enable = Надавати
cadmin-offer-withdraw = Припинити надавати
cadmin-offer-details = Місцеві умови
cadmin-offer-public = Сторінка послуги для мешканців
cadmin-offer-enabled = Громада тепер надає послугу «{ $service }». Мешканці побачать її за кілька секунд.
cadmin-offer-withdrawn = Громада більше не надає послугу «{ $service }». Подані заяви залишаються в роботі; місцеві умови послуги видалено.
cadmin-offer-saved = Місцеві умови послуги «{ $service }» збережено.
cadmin-offer-intro = Те, що опис послуги залишає громаді: де отримати результат, відповідальний відділ, примітка для мешканців і, якщо дозволено, розмір плати.
cadmin-offer-submit = Зберегти умови
cadmin-fee = Розмір плати, грн
cadmin-fee-hint = Плату встановлює громада. Наприклад, 120 або 85,50; 0 — безоплатно. Порожнє поле: мешканці прочитають, що розмір встановлює громада.
cadmin-fee-hint-max = Плату встановлює громада, але не більше { $max } грн. Наприклад, 120 або 85,50; 0 — безоплатно.
cadmin-fee-by-definition = Так встановлює опис послуги; громада цього не змінює.
cadmin-collect-at = Де отримати результат
cadmin-collect-at-hint = Один зі службових центрів громади.
cadmin-collect-at-none = Не вказано
cadmin-department-uk = Відповідальний відділ українською
cadmin-department-hint = Наприклад, «Відділ соціального захисту».
cadmin-department-en = Відповідальний відділ англійською
cadmin-note-uk = Примітка для мешканців українською
cadmin-note-hint = Коротко: що варто знати саме в цій громаді.
cadmin-note-en = Примітка для мешканців англійською
cadmin-error-fee-fixed = Плату за цю послугу встановлює її опис ({ $fee }); громада не встановлює свою
cadmin-error-fee-format = Введіть суму в гривнях, наприклад 120 або 85,50
cadmin-error-fee-max = Не більше { $max } грн: таку межу встановлює опис послуги
cadmin-error-collect-at = Оберіть один зі службових центрів громади або «Не вказано»
fee-community-unset = Розмір плати встановлює громада; уточніть його в ЦНАП.
cadmin-day-monday = Понеділок
cadmin-day-tuesday = Вівторок
cadmin-day-wednesday = Середа
cadmin-day-thursday = Четвер
cadmin-day-friday = П’ятниця
cadmin-day-saturday = Субота
cadmin-day-sunday = Неділя

welcome-submit = Зберегти пароль і продовжити
totp-title = Налаштуйте другий фактор входу
totp-intro = Працівники входять паролем і одноразовим кодом із застосунку на телефоні. Так ніхто не увійде з вашим паролем без вашого телефона.
totp-step-app = Встановіть застосунок для одноразових кодів, наприклад Google Authenticator, Microsoft Authenticator, FreeOTP або Aegis.
totp-step-scan = Відскануйте цей QR-код у застосунку.
totp-qr-label = QR-код для застосунку одноразових кодів
totp-step-type = Якщо сканувати не вдається, введіть у застосунку цей ключ:
totp-uri = Показати повне посилання otpauth
totp-step-code = Введіть код, який показує застосунок.
totp-submit = Підтвердити
field-code = Код із застосунку
field-code-hint = 6 цифр. Якщо телефона немає під рукою, введіть один із резервних кодів.
code-title = Введіть код для входу
code-submit = Увійти
error-code = Код не підходить. Введіть 6 цифр, які зараз показує застосунок, або резервний код
codes-title = Ваші резервні коди
codes-intro = Кожен код діє один раз. Скористайтеся ним, якщо телефона немає під рукою.
codes-keep = Запишіть або роздрукуйте коди і зберігайте окремо від телефона. Більше ми їх не покажемо.
codes-continue = Я зберіг коди, продовжити
account-export = Завантажити все, що «Громада» знає про мене
account-delete = Видалити обліковий запис
delete-title = Видалити обліковий запис
delete-intro = Ми видалимо вашу адресу, ім’я, пароль, сеанси входу і незавершені заяви (чернетки).
delete-cases = Подані заяви залишаться, бо закон вимагає зберігати звернення та рішення, але вони більше не будуть пов’язані з вашим обліковим записом.
delete-confirm = Щоб підтвердити, введіть пароль. Скасувати видалення буде неможливо.
delete-submit = Видалити назавжди
delete-keep = Ні, залишити обліковий запис
delete-staff = Облікові записи працівників видаляє адміністратор громади. Зверніться до нього.
deleted-title = Обліковий запис видалено
deleted-text = Ваші персональні дані видалено. Дякуємо, що користувалися «Громадою».
invite-title = Запросіть працівника
invite-intro = Людина отримає лист із посиланням, щоб задати пароль і налаштувати другий фактор входу. Посилання діє 7 днів.
invite-grant = Роль і місце роботи
invite-submit = Надіслати запрошення
invite-sent-title = Запрошення надіслано
invite-sent-text = Ми надіслали запрошення на { $email }.
invite-resident = Ця адреса належить мешканцеві. Працівникові потрібна окрема службова адреса
account-invite = Запросити працівника
mail-invite-subject = Запрошення до порталу «Громада»
mail-invite-body = Вітаємо!
    
    Вас запросили працювати з порталом «Громада» ({ $role }). Щоб почати, відкрийте посилання, задайте пароль і налаштуйте другий фактор входу:
    { $link }
    
    Посилання діє 7 днів і спрацює лише раз. Якщо ви не чекали на цей лист, нічого не робіть.

## The resident's journey
month-1 = січня
month-2 = лютого
month-3 = березня
month-4 = квітня
month-5 = травня
month-6 = червня
month-7 = липня
month-8 = серпня
month-9 = вересня
month-10 = жовтня
month-11 = листопада
month-12 = грудня
size-kb = { $n } КБ
size-mb = { $n } МБ
back = Назад
continue = Продовжити
change = Змінити
apply-have-ready = Що підготувати
apply-scans = Фото або скан документа підійде, якщо на ньому все видно. Файли — PDF, JPG або PNG.
apply-saved = Відповіді зберігаються після кожної сторінки: можна зупинитися і повернутися пізніше.
apply-start = Почати
apply-needs-account = Щоб подати цю заяву онлайн, увійдіть до кабінету або зареєструйтеся. Це потрібно, бо заява стосується ваших персональних даних.
apply-sign-in = Увійти і почати
apply-resume-draft = Продовжити чернетку, збережену { $date }
apply-step = Крок { $n } з { $total }
apply-save-later = Зберегти і продовжити пізніше
file-remove = Видалити файл
file-upload-more = Завантажити і додати ще
hint-only-if = Лише якщо на питання «{ $question }» ви відповіли { $answer }.
hint-answer = «{ $answer }»
hint-or = { " або " }
hint-only-if-not = Лише якщо на питання «{ $question }» ви відповіли не { $answer }.
# «Де це знайти?» під полями, значення яких надруковано в документі
find-summary = Де це знайти?
find-without = Якщо цього у вас немає.
find-rnokpp-drawing = Малюнок: зворотний бік ID-картки; виділено рядок «РНОКПП» з 10 цифрами.
find-rnokpp-place = РНОКПП (ідентифікаційний код) — це 10 цифр. Він є на картці платника податків, на зворотному боці ID-картки в рядку «РНОКПП» і в застосунку «Дія».
find-rnokpp-without = Якщо ви через релігійні переконання відмовилися від коду і маєте про це відмітку в паспорті, введіть у це поле серію та номер паспорта (наприклад, КВ123456) або 9 цифр номера ID-картки. Якщо код у вас є, але ви його не знаєте, його підкажуть у податковій або в ЦНАП.
find-id-document-drawing = Малюнок: сторінка паспорта-книжечки з виділеними серією і номером угорі та ID-картка з виділеним номером документа.
find-id-document-place = У паспорті-книжечці серія і номер — дві літери і шість цифр, наприклад КВ123456, — надруковані вгорі першої сторінки. На ID-картці номер документа — 9 цифр на лицьовому боці, у рядку «Документ №»; не плутайте його з рядком «Запис №», де є риска.
find-id-document-without = Підійде будь-який із двох документів: паспорт-книжечка або ID-картка. Якщо паспорт втрачено або його ще оформлюють, зверніться до ЦНАП — там підкажуть, як подати заяву.
find-edrpou-drawing = Малюнок: виписка з Єдиного державного реєстру; виділено рядок з кодом із 8 цифр.
find-edrpou-place = Код ЄДРПОУ — це 8 цифр. Він є у виписці з Єдиного державного реєстру, у рядку «Ідентифікаційний код юридичної особи», а також на бланках і в договорах організації. Його можна знайти за назвою організації на сайті usr.minjust.gov.ua.
find-edrpou-without = Код ЄДРПОУ мають лише юридичні особи. Фізична особа — підприємець (ФОП) такого коду не має: замість нього вказують РНОКПП.
find-iban-drawing = Малюнок: довідка з банку про реквізити рахунку; виділено рядок IBAN, що починається з UA.
find-iban-place = IBAN — це номер рахунку: UA і 27 цифр. Він є в застосунку вашого банку (у реквізитах картки чи рахунку), у довідці про реквізити з банку та в договорі про рахунок. Це не 16 цифр, надруковані на самій банківській картці.
find-iban-without = Якщо рахунку немає, його можна відкрити в будь-якому банку з паспортом і РНОКПП. Якщо рахунок є, але ви не знаєте його IBAN, попросіть довідку про реквізити у відділенні банку.
find-plate-drawing = Малюнок: номерний знак автомобіля — дві літери, чотири цифри і дві літери, наприклад АА 1234 ВВ.
find-plate-place = Номерний знак — на табличках спереду і ззаду автомобіля та у свідоцтві про реєстрацію транспортного засобу (техпаспорті): дві літери, чотири цифри і дві літери, наприклад АА 1234 ВВ. Літери можна вводити українською або латиницею.
find-plate-without = Якщо автомобіль ще не зареєстровано або номер має інший вигляд (індивідуальний чи транзитний), зверніться до ЦНАП — там допоможуть подати заяву.
problem-vehicle-plate = Введіть номерний знак: дві літери, чотири цифри і дві літери, наприклад АА 1234 ВВ
hint-date = Наприклад, { $example }.
hint-max-chars = Не більше { $n } { $n ->
    [one] символу
    [few] символів
   *[many] символів
  }.
hint-files = Файли { $kinds }, кожен до { $size } МБ, не більше { $count } { $count ->
    [one] файлу
    [few] файлів
   *[many] файлів
  }.
hint-optional = Необов’язково.
problem-required = Заповніть поле «{ $label }»
problem-choose = Виберіть відповідь: «{ $label }»
problem-declaration = Поставте позначку, щоб підтвердити
problem-file-required = Додайте файл: «{ $label }»
problem-too-short = «{ $label }»: напишіть щонайменше { $min } { $min ->
    [one] символ
    [few] символи
   *[many] символів
  }
problem-too-long = «{ $label }»: скоротіть текст до { $max } { $max ->
    [one] символу
    [few] символів
   *[many] символів
  }
problem-number = «{ $label }»: введіть число, наприклад 12 або 12,5
problem-whole = «{ $label }»: введіть ціле число, без коми
problem-too-small = «{ $label }»: число має бути не менше { $min }
problem-too-large = «{ $label }»: число має бути не більше { $max }
problem-date = «{ $label }»: введіть дату як день.місяць.рік, наприклад { $example }
problem-date-early = «{ $label }»: дата має бути не раніше { $date }
problem-date-late = «{ $label }»: дата має бути не пізніше { $date }
problem-option = «{ $label }»: виберіть одну з запропонованих відповідей
problem-phone = Введіть номер телефону, наприклад 067 123 45 67 або +380 67 123 45 67
problem-email = Введіть адресу електронної пошти, наприклад olena@ukr.net
problem-rnokpp = Введіть 10 цифр РНОКПП, як у вашій довідці, або серію і номер паспорта, якщо ви відмовилися від РНОКПП
problem-edrpou = Введіть 8 цифр коду ЄДРПОУ, як у виписці з реєстру
problem-iban = Введіть IBAN: UA і 27 цифр, як у довідці з банку
problem-id-document = Введіть серію і номер паспорта (наприклад, КА123456) або 9 цифр ID-картки
problem-too-many-files = «{ $label }»: можна додати не більше { $max } { $max ->
    [one] файлу
    [few] файлів
   *[many] файлів
  }; видаліть зайві
problem-characters = «{ $label }»: приберіть недруковані або нестандартні символи; якщо копіювали текст, введіть його вручну
upload-too-big = Файл «{ $name }» завеликий: щонайбільше { $size }. Зменшіть фото або відскануйте з меншою роздільністю
upload-wrong-type = Файл «{ $name }» не є { $kinds }. Додайте фото або скан у одному з цих форматів
upload-image-unreadable = Файл «{ $name }» пошкоджений: не вдалося прочитати розміри зображення. Збережіть фото ще раз або зробіть знімок екрана і додайте його
upload-image-too-large = Зображення «{ $name }» завелике: { $width } × { $height } px. Можна щонайбільше { $side } px по стороні і { $megapixels } Мп загалом. Зменшіть роздільність фото
upload-application-full = «{ $label }»: усі файли заяви разом не можуть перевищувати { $size }. Видаліть або зменшіть якийсь файл
upload-failed = Файл не вдалося зберегти. Спробуйте ще раз за хвилину
upload-body-too-large = Надіслано забагато даних. Один файл може мати до { $file }, усі файли заяви разом — до { $all }. Поверніться назад, зменште файли і спробуйте ще раз.
form-malformed = Форму отримано пошкодженою. Поверніться назад і надішліть її ще раз.
form-too-many-parts = Надіслано забагато файлів чи полів за один раз. Поверніться назад і додавайте файли меншими частинами.
form-problem-title = Не вдалося прийняти форму
version-changed-title = Форма цієї послуги змінилася
version-changed-text = Поки сторінка була відкрита, громада оновила форму. Ваші збережені відповіді на місці; відкрийте заяву ще раз зі списку «Мої заяви» і продовжіть.
check-title = Перевірте відповіді
check-incomplete = Заява ще не заповнена
check-send-title = Надішліть заяву
check-send-text = Надсилаючи заяву, ви підтверджуєте, що відомості правдиві, наскільки вам відомо.
check-email-note = Підтвердження надійде на { $email }.
check-submit = Надіслати заяву
answer-none = Не вказано
answer-confirmed = Підтверджено
done-title = Заяву надіслано
done-reference = Номер вашої заяви
done-service = Послуга
done-due = Рішення — не пізніше
done-email = Ми надіслали підтвердження на { $email }.
done-next-title = Що далі
done-next = Працівник громади розгляне заяву. Якщо чогось забракне, вас попросять уточнити. Номер заяви знадобиться, якщо будете телефонувати.
done-next-account = Працівник громади розгляне заяву. Якщо чогось забракне, вас попросять уточнити — повідомлення з’явиться у «Моїх заявах» і на пошті. Номер заяви знадобиться, якщо будете телефонувати.
done-tracking-title = Збережіть посилання
done-tracking-text = За цим посиланням можна стежити за заявою без облікового запису. Ми також надіслали його на пошту. Не пересилайте його іншим.
done-status = Стан заяви
status-draft = Чернетка
applications-title = Мої заяви
applications-drafts = Незавершені заяви
applications-no-drafts = Незавершених заяв немає.
applications-drafts-kept = Чернетки зберігаються { $days } { $days ->
    [one] день
    [few] дні
   *[other] днів
  } від останньої зміни; перед видаленням ми нагадаємо листом.
applications-draft-until = Збережено до { $date }.
applications-delete = Видалити чернетку
applications-submitted = Подані заяви
applications-none = Поданих заяв ще немає.
applications-submitted-on = Надіслано { $date }.
applications-sign-in = Увійдіть, щоб побачити всі свої заяви
applications-find = Знайти послугу
draft-delete-title = Видалити чернетку?
draft-delete-text = Ваші відповіді і додані файли буде видалено. Повернути їх не вийде.
draft-delete-button = Так, видалити
draft-delete-keep = Ні, залишити
track-switch-caption = Посилання на заяву
track-switch-title = Відкрити іншу заяву?
track-switch-current = У цьому браузері вже відкрита ваша заява: { $current }.
track-switch-other = Посилання, яким ви перейшли, веде до іншої: { $other }.
track-switch-warning = Без облікового запису браузер тримає одну заяву. Якщо перейти, він більше не відкриє теперішню: чернетку — зовсім, подану — лише за посиланням з листа про неї. Якщо ви не чекали цього посилання, не переходьте.
track-switch-button = Перейти до іншої заяви
track-switch-keep = Залишитися з моєю заявою
track-case-sent = { $service } ({ $community }), номер { $reference }
track-case-draft = чернетка «{ $service }» ({ $community }), розпочата { $date }
draft-deleted-text = Чернетку і її файли видалено.
case-reference = Заява
case-community = Громада
case-submitted = Подано
case-due = Рішення — не пізніше
case-due-paused = { $date }; строк зупинено, поки ми чекаємо на вашу відповідь
case-waiting = Громада просить уточнити: «{ $request }». Відповідайте нижче — строк розгляду продовжиться, щойно ви надішлете відповідь.
case-timeline = Що відбувалося
case-your-answers = Ваші відповіді
case-files = Ваші файли
case-withdraw-link = Відкликати заяву
timeline-submitted = Ви подали заяву
timeline-you-wrote = Ви написали
timeline-office-wrote = Громада написала
timeline-moved = Стан заяви: { $state }
timeline-you-moved = Ви змінили стан заяви: { $state }
timeline-action = { $action } — { $state }
opened-heading = Хто в громаді відкривав вашу заяву
opened-intro = Щоразу, коли хтось із працівників громади відкриває вашу заяву, її файл чи документ, це записується до журналу, який неможливо непомітно змінити. Тут показано ці записи.
opened-none = Ніхто з працівників громади ще не відкривав вашу заяву.
opened-all = Переглянути всі записи
opened-title = Хто відкривав заяву { $reference }
opened-earlier = Раніші записи
opened-back = Повернутися до заяви
opened-by = { $name } ({ $roles }), { $community }
opened-someone = Колишній працівник
opened-staff-number = Працівник № { $number }
opened-staff = працівник громади
opened-case = Переглянуто заяву
opened-file = Відкрито файл «{ $file }»
opened-document = Переглянуто документ { $document }
reply-heading = Написати громаді
reply-answer-heading = Надіслати уточнення
reply-message = Повідомлення
reply-files = Файли (необов’язково)
reply-files-hint = PDF, JPG або PNG, кожен до 10 МБ, не більше 10.
reply-send = Надіслати
reply-sent = Повідомлення надіслано.
reply-empty = Напишіть повідомлення або додайте файл
reply-too-long = Скоротіть повідомлення до { $max } { $max ->
    [one] символу
    [few] символів
   *[many] символів
  }
reply-characters = Приберіть з повідомлення недруковані або нестандартні символи
reply-too-many-files = Можна додати не більше { $max } { $max ->
    [one] файлу
    [few] файлів
   *[many] файлів
  } за раз
withdraw-title = Відкликати заяву
withdraw-text = Громада припинить розгляд. Щоб отримати послугу пізніше, доведеться подати нову заяву.
withdraw-reason = Причина (необов’язково)
withdraw-button = Так, відкликати
withdraw-keep = Ні, залишити заяву
mail-submitted-subject = Заяву { $reference } отримано
mail-submitted-body = Вітаємо!
    
    Громада «{ $community }» отримала вашу заяву «{ $service }».
    Номер заяви: { $reference }
    Рішення — не пізніше { $due }.
    
    Стан заяви: { $link }
    
    Якщо ви не подавали цієї заяви, просто нічого не робіть.
mail-draft-expiry-subject = Незавершена заява скоро буде видалена
mail-draft-expiry-body = Вітаємо!
    
    Ви почали заяву «{ $service }», але не надіслали її. Чернетку буде видалено { $date }.
    Щоб продовжити: { $link }
    
    Якщо заява вже не потрібна, нічого не робіть.

## The back-office
staff-queue-title = Робоча черга
staff-overview-title = Навантаження працівників
staff-assist-link = Подати заяву за мешканця (ЦНАП)
staff-assisted-drafts = Незавершені заяви, які ви почали за мешканців
staff-saved-on = Збережено { $date }
staff-notices = Сповіщення
staff-notice-new = Нове:
staff-service = Послуга
staff-any = Будь-яка
staff-state = Стан
staff-state-open = Усі відкриті
staff-assignee = Виконавець
staff-me = Я
staff-nobody = Не призначено
staff-due = Строк
staff-due-overdue-only = Прострочені
staff-due-soon-only = Спливає за 2 робочі дні
staff-sort = Порядок
staff-sort-due = Спершу найближчий строк
staff-sort-newest = Спершу нові
staff-sort-oldest = Спершу давні
staff-filter = Показати
staff-filter-all = Усі відкриті ({ $n })
staff-filter-mine = Мої ({ $n })
staff-filter-unassigned = Не призначені ({ $n })
staff-filter-overdue = Прострочені ({ $n })
staff-filter-soon = Строк спливає ({ $n })
staff-total = { $n ->
    [one] { $n } заява
    [few] { $n } заяви
   *[other] { $n } заяв
  }
staff-queue-caption = Заяви за вибраними умовами
staff-select = Вибрати
staff-select-case = Вибрати заяву { $reference }
staff-reference = Номер
staff-overdue = прострочено
staff-paused = строк зупинено
staff-assign-to = Призначити вибрані заяви
staff-assigned = { $n ->
    [0] Жодної заяви не призначено: вибрані заяви вже вирішені або поза вашою громадою.
    [one] Призначено { $n } заяву.
    [few] Призначено { $n } заяви.
   *[other] Призначено { $n } заяв.
  }
staff-assign = Призначити
staff-pages = Сторінки черги
staff-page = Сторінка { $n } з { $total }
staff-prev = Попередня
staff-next = Наступна
staff-by-officer = За виконавцями
staff-by-service = За послугами
staff-open = Відкриті
staff-overdue-count = Прострочені
staff-claim = Взяти в роботу
staff-actions = Дії
staff-answers = Відповіді заявника
staff-files = Файли заяви
staff-internal = внутрішня
staff-note-title = Внутрішня нотатка
staff-note-label = Нотатка (заявник її не бачить)
staff-note-save = Зберегти нотатку
staff-message-title = Написати заявникові
staff-message-label = Повідомлення (заявник отримає його листом)
staff-message-send = Надіслати заявникові
staff-refusal-reason = Причина відмови (заявник побачить цей текст)
staff-cancel = Скасувати
staff-done = Готово.
staff-due-paused = { $date }; строк зупинено, поки заявник відповідає
staff-due-overdue = { $date } — прострочено
staff-applicant = Заявник
staff-applicant-unknown = Не вказано
staff-channel = Спосіб подання
staff-channel-assisted = У ЦНАП, оператор { $operator }
staff-event-submitted = Заяву подано
staff-event-note = Внутрішня нотатка
staff-event-resident-message = Заявник написав
staff-event-office-message = Повідомлення заявникові
staff-by-applicant = заявник
staff-text-empty = Напишіть текст
staff-refused-title = Цю дію зараз виконати не можна
staff-refused-text = Порядок розгляду цієї послуги не дозволяє її у поточному стані заяви або для вашої ролі, або заяву щойно змінив хтось інший. Нічого не змінено. Поверніться до заяви і оновіть сторінку.
account-staff-queue = Робоча черга
calendar-title = Неробочі дні
calendar-intro = Ці дні не рахуються у строки, визначені в робочих днях. Під час воєнного стану святкові дні є робочими, тож додавайте лише ті, що справді неробочі.
calendar-empty = Неробочих днів не додано: робочими вважаються всі дні з понеділка по п’ятницю.
calendar-caption = Неробочі дні, окрім субот і неділь
calendar-day = Дата
calendar-note = Примітка
calendar-remove = Прибрати
calendar-add = Додати неробочий день
calendar-day-error = Введіть дату як день.місяць.рік, наприклад 24.08.2026

## Notifications
mail-greeting = Вітаємо!
mail-status-line = Стан заяви: { $link }
mail-link-claim = увійдіть або зареєструйтеся і введіть код із квитанції ЦНАП тут: { $link }
mail-link-anonymous = за посиланням, яке ви отримали, коли подавали заяву
mail-requested-subject = Громада просить уточнити заяву { $reference }
mail-requested-body = Громада «{ $community }» розглядає вашу заяву «{ $service }» ({ $reference }) і просить дещо уточнити. Відповісти можна на сторінці заяви. Строк розгляду зупинено; він продовжиться, щойно ви відповісте.
mail-request-label = Що потрібно уточнити:
mail-decided-subject = Рішення щодо заяви { $reference }
mail-approved-body = Громада «{ $community }» розглянула вашу заяву «{ $service }» ({ $reference }) і задовольнила її. Стан заяви: { $state }.
mail-rejected-body = Громада «{ $community }» розглянула вашу заяву «{ $service }» ({ $reference }) і відмовила в її задоволенні. Стан заяви: { $state }.
mail-closed-body = Розгляд вашої заяви «{ $service }» ({ $reference }) у громаді «{ $community }» завершено. Стан заяви: { $state }.
mail-reason-label = Пояснення громади:
mail-message-subject = Нове повідомлення щодо заяви { $reference }
mail-message-body = Громада «{ $community }» написала вам щодо заяви «{ $service }» ({ $reference }). Відповісти можна на сторінці заяви.
mail-message-label = Повідомлення громади:
mail-staff-submitted-subject = Нова заява { $reference }: { $service }
mail-staff-submitted-body = До громади «{ $community }» надійшла заява «{ $service }» ({ $reference }). Рішення — не пізніше { $due }.
mail-staff-answered-subject = Заявник відповів на запит: { $reference }
mail-staff-answered-body = Заявник надіслав уточнення до заяви «{ $service }» ({ $reference }). Строк розгляду знову йде; рішення — не пізніше { $due }.
mail-staff-reminder-subject = Строк розгляду заяви { $reference } спливає { $due }
mail-staff-reminder-body = Заяву «{ $service }» ({ $reference }) громади «{ $community }» треба розглянути не пізніше { $due }.
mail-staff-link = Відкрити заяву: { $link }
notice-submitted-body = Громада «{ $community }» отримала вашу заяву «{ $service }». Рішення — не пізніше { $due }.
notices-title = Сповіщення
notices-new = Нове
notices-open-case = Відкрити заяву
notices-mark-read = Позначити всі як прочитані

## Assisted applications and the survey
assist-title = Заява від імені мешканця
assist-intro = Мешканець прийшов до ЦНАП: ви подаєте заяву за нього, з його згоди, тими самими кроками, що й на сайті.
assist-service = Послуга
assist-service-choose = Виберіть послугу
assist-resident = Мешканець
assist-who = Чи має мешканець обліковий запис на сайті?
assist-who-account = Так — знайти його за електронною поштою
assist-who-new = Ні — записати дані мешканця без облікового запису
assist-email = Електронна пошта мешканця
assist-email-hint = Якщо мешканець має обліковий запис, за цією адресою ми його знайдемо, і заява з’явиться в його кабінеті. Без облікового запису адреса необов’язкова: на неї прийде лист про заяву. Знайти мешканця за номером телефону поки не можна — в облікових записах немає телефону.
assist-full-name = Прізвище, ім’я та по батькові мешканця
assist-full-name-hint = Обов’язково, якщо в мешканця немає облікового запису.
assist-phone = Телефон мешканця
assist-phone-hint = Необов’язково. Наприклад, 067 123 45 67.
assist-grounds = Перевірка особи і згода
assist-identity = Як ви перевірили особу мешканця?
assist-identity-passport = Паспорт громадянина України (книжечка)
assist-identity-id-card = ID-картка
assist-identity-other = Інший документ
assist-identity-note = Який документ
assist-identity-note-hint = Лише якщо ви вибрали «Інший документ»: назва документа, без його номера.
assist-consent = Мешканець погоджується, що оператор подасть заяву від його імені
assist-consent-hint = Спитайте мешканця. Без його згоди подати заяву не можна.
assist-error-service = Виберіть послугу
assist-error-who = Виберіть, чи має мешканець обліковий запис
assist-error-email-empty = Введіть електронну пошту, з якою мешканець зареєструвався
assist-error-no-account = Облікового запису з цією адресою немає. Перевірте адресу або виберіть «Ні — записати дані мешканця без облікового запису»
assist-error-name = Введіть прізвище, ім’я та по батькові мешканця
assist-error-name-long = Ім’я задовге: не більше 100 символів
assist-error-characters = Приберіть недруковані або нестандартні символи
assist-error-identity = Виберіть, як ви перевірили особу мешканця
assist-error-identity-note = Напишіть, за яким документом ви перевірили особу
assist-error-identity-note-long = Назва документа задовга: не більше 200 символів
assist-error-consent = Позначте, що мешканець погоджується: без згоди подати заяву від його імені не можна
assist-check-title = Перевірте, перш ніж почати заяву
assist-check-for = Від імені
assist-check-account = { $name } (обліковий запис { $email })
assist-check-consent = Згода мешканця
assist-check-next = Далі ви заповните заяву тими самими кроками, що й мешканець на сайті.
assist-start = Почати заяву
assist-change = Змінити
case-channel = Як подано
case-assisted = Подано в ЦНАП оператором від вашого імені ({ $name })
timeline-submitted-assisted = Оператор ЦНАП подав заяву від вашого імені
done-receipt-title = Розписка для мешканця
done-receipt-text = Роздрукуйте розписку з номером заяви. Якщо в мешканця немає облікового запису, на розписці буде код, щоб потім додати заяву до свого кабінету.
done-receipt-link = Відкрити розписку
receipt-title = Розписка про прийняття заяви
receipt-reference = Номер заяви
receipt-applied = Хто подав
receipt-applied-by-operator = Оператор ЦНАП від імені: { $name }
receipt-office = ЦНАП
receipt-claim-title = Код для вашого кабінету
receipt-claim-step-account = Зареєструйтеся або увійдіть на { $site }.
receipt-claim-step-code = Відкрийте { $link } і введіть цей код — заява з’явиться у «Моїх заявах».
receipt-claim-once = Код діє один раз. Не показуйте його іншим.
receipt-print-now = Роздрукуйте цю сторінку зараз (Ctrl+P): код показано лише один раз. Якщо розписка загубиться, створіть новий код — попередній перестане діяти.
receipt-issue-text = У мешканця немає облікового запису. Створіть одноразовий код і роздрукуйте розписку з ним: з кодом мешканець додасть заяву до свого кабінету. Якщо код уже друкували, попередній перестане діяти.
receipt-issue = Створити код і показати розписку
receipt-print-hint = Щоб роздрукувати розписку, натисніть Ctrl+P.
applications-staff = Службовий обліковий запис не подає заяв: заяви мешканців, з якими ви працюєте, — у робочій черзі.
applications-claim = Маєте код з розписки ЦНАП? Додайте заяву до кабінету
claim-title = Додати заяву з ЦНАП
claim-intro = Якщо заяву за вас подали в ЦНАП, на розписці є код. Введіть його, і заява з’явиться у ваших заявах.
claim-field = Код з розписки
claim-field-hint = 10 літер і цифр, наприклад K7Q2-M9XW-3P. Великі чи малі літери й дефіси не важливі.
claim-submit = Додати заяву
claim-error-empty = Введіть код з розписки
claim-error-wrong = Код не підходить. Перевірте його на розписці: можливо, його вже використали або в ЦНАП видали новий
survey-title = Ваша думка
survey-question = Наскільки ви задоволені тим, як розглянули вашу заяву?
survey-question-hint = Виберіть від 1 (зовсім не задоволені) до 5 (дуже задоволені).
survey-score-1 = 1 — зовсім не задоволені
survey-score-2 = 2 — скоріше не задоволені
survey-score-3 = 3 — частково задоволені
survey-score-4 = 4 — скоріше задоволені
survey-score-5 = 5 — дуже задоволені
survey-comment = Що можна зробити краще? (необов’язково)
survey-send = Надіслати відповідь
survey-thanks = Дякуємо за відповідь!
survey-your-score = Ваша оцінка
survey-your-comment = Ваш коментар
survey-error-score = Виберіть оцінку від 1 до 5
survey-error-comment-long = Скоротіть коментар до { $max } { $max ->
    [one] символу
    [few] символів
   *[many] символів
  }
survey-error-comment-characters = Приберіть з коментаря недруковані або нестандартні символи

## Pulse
## "Was this page useful?" (issue 21)
feedback-title = Відгук про сторінку
feedback-question = Чи була ця сторінка корисною?
feedback-yes = Так
feedback-no = Ні
feedback-comment = Що можна покращити? (необов’язково)
feedback-comment-hint = До 1000 символів. Не пишіть імені, адреси, телефону, електронної пошти чи номерів документів: відгук анонімний, і ми на нього не відповідаємо. Адреси електронної пошти та ряди з шести й більше цифр ми вилучаємо з коментаря.
feedback-send = Надіслати відгук
feedback-error-useful = Виберіть «Так» або «Ні»: чи була ця сторінка корисною
feedback-error-comment-long = Скоротіть коментар до { $max } { $max ->
    [one] символу
    [few] символів
   *[many] символів
  }
feedback-error-comment-characters = Приберіть з коментаря недруковані або нестандартні символи
feedback-repeated-title = Ви вже відповіли про цю сторінку
feedback-repeated-text = Дякуємо, вашу відповідь про цю сторінку ми вже отримали. Наступну можна надіслати через { $minutes ->
    [one] { $minutes } хвилину
    [few] { $minutes } хвилини
   *[many] { $minutes } хвилин
}.
feedback-thanks-title = Дякуємо за відгук
feedback-thanks-text = Ваша відповідь допоможе зробити сторінки послуг зрозумілішими.
feedback-thanks-removed = Щоб не зберігати персональних даних, ми вилучили з коментаря адреси електронної пошти та довгі ряди цифр (телефони, номери документів).
feedback-back = Повернутися до сторінки
feedback-page-start = Сторінка послуги
feedback-page-check = Перевірка відповідей
feedback-page-confirmation = Підтвердження подання
feedback-page-status = Стан заяви
feedback-page-question = Запитання: { $title }
pulse-useful-title = Чи корисні сторінки послуг
pulse-useful-intro = Частка відповідей «Так» на запитання «Чи була ця сторінка корисною?» на сторінках кожної послуги та сторінки, про які найчастіше відповідали «Ні». Частку показано, коли відповідей достатньо, а сторінку — коли «Ні» про неї відповіли щонайменше стільки разів, скільки вимагає поріг.
pulse-useful-service = Послуга
pulse-useful-answers = Відповідей
pulse-useful-share = Відповіли «Так»
pulse-useful-pages = Найчастіше «Ні»
pulse-useful-all = Усі послуги
pulse-useful-none = Відповідей ще замало, щоб їх показати.
staff-feedback-title = Відгуки про сторінки
staff-feedback-intro = Що мешканці написали про сторінки послуг громади у відповідь на «Чи була ця сторінка корисною?», найновіші першими. Відгуки анонімні: з них вилучено адреси електронної пошти та довгі ряди цифр, а час збережено лише до дня.
staff-feedback-community = Громада
staff-feedback-show = Показати
staff-feedback-none = Коментарів ще немає.
staff-feedback-older = Давніші відгуки
staff-feedback-answer = Корисна?
footer-pulse = Пульс громад: як працюють послуги, відкриті дані
pulse-title = Пульс громад
pulse-title-of = Пульс: { $name }
pulse-intro = Дані за { $from } – { $to }, станом на { $date }, { $time } за київським часом.
pulse-download = Завантажити дані:
pulse-data-link = опис даних і ліцензія
pulse-key-figures = Головне за 12 місяців
pulse-fig-services = Послуги онлайн
pulse-services-value = { $online } з { $offered } можна отримати повністю онлайн
pulse-fig-applications = Заяви
pulse-channels-note = самостійно онлайн: { $own }; у ЦНАП: { $assisted }; від імені мешканця: { $on_behalf }
pulse-fig-decisions = Рішення
pulse-withdrawn-note = відкликано заяв: { $withdrawn }
pulse-fig-on-time = Рішення вчасно
pulse-fig-time = Час розгляду
pulse-time-value = медіана — { $median }, 90-й перцентиль — { $p90 }
pulse-fig-open = Зараз на розгляді
pulse-open-value = { $open }, з них прострочено: { $overdue }
pulse-fig-satisfaction = Задоволеність
pulse-satisfaction-value = { $mean } з 5
pulse-answers-note = відповідей в опитуванні: { $answers }
pulse-fig-index = Індекс
pulse-index-value = { $index } зі 100
pulse-rank-in-region = місце { $rank } з { $of } в області
pulse-rank-among-regions = місце { $rank } з { $of } серед областей
pulse-fewer-than = менше ніж { $n }
pulse-too-few = замало даних
pulse-hidden = приховано
pulse-no-data = немає даних
pulse-percent = { $value } %
pulse-days = { $n ->
    [one] { $shown } день
    [few] { $shown } дні
    [many] { $shown } днів
   *[other] { $shown } дня
}
pulse-month-1 = січень
pulse-month-2 = лютий
pulse-month-3 = березень
pulse-month-4 = квітень
pulse-month-5 = травень
pulse-month-6 = червень
pulse-month-7 = липень
pulse-month-8 = серпень
pulse-month-9 = вересень
pulse-month-10 = жовтень
pulse-month-11 = листопад
pulse-month-12 = грудень
pulse-mon-1 = січ
pulse-mon-2 = лют
pulse-mon-3 = бер
pulse-mon-4 = кві
pulse-mon-5 = тра
pulse-mon-6 = чер
pulse-mon-7 = лип
pulse-mon-8 = сер
pulse-mon-9 = вер
pulse-mon-10 = жов
pulse-mon-11 = лис
pulse-mon-12 = гру
pulse-applications-heading = Заяви за місяцями
pulse-chart-applications-title = Кількість заяв за місяцями
pulse-chart-months-desc = Стовпчикова діаграма: один стовпчик на місяць, від найдавнішого. Ті самі числа — у таблиці під діаграмою.
pulse-chart-applications-summary = Усього заяв за 12 місяців: { $total }. Місяць із найбільшою кількістю заяв — { $month } ({ $max }).
pulse-chart-applications-few = Усього заяв за 12 місяців: { $total }.
pulse-applications-caption = Заяви за місяцями і способами подання
pulse-month = Місяць
pulse-total = Усього
pulse-channel-self-service = Самостійно онлайн
pulse-channel-assisted = У ЦНАП
pulse-channel-on-behalf = Від імені мешканця
pulse-days-heading = Рішення і час розгляду
pulse-chart-days-title = Медіанний час розгляду за місяцями, днів
pulse-chart-days-summary = Медіана за 12 місяців: { $median }. Найдовша медіана за місяць — { $month } ({ $max }).
pulse-chart-days-few = Час розгляду показуємо за місяці, у яких ухвалено щонайменше { $n ->
    [one] { $n } рішення
    [few] { $n } рішення
   *[other] { $n } рішень
}; поки що даних замало.
pulse-days-caption = Рішення, час розгляду і задоволеність за місяцями
pulse-col-decisions = Рішень
pulse-col-on-time = Вчасно
pulse-col-median = Медіана, днів
pulse-col-p90 = 90-й перцентиль, днів
pulse-col-satisfaction = Задоволеність, з 5
pulse-services-heading = За послугами
pulse-services-caption = Показники кожної послуги за 12 місяців
pulse-col-service = Послуга
pulse-col-applications = Заяв
pulse-col-open = На розгляді
pulse-col-overdue = Прострочено
pulse-compare-regions = Порівняння областей
pulse-compare-communities = Порівняння громад області
pulse-chart-index-desc = Стовпчикова діаграма: індекс кожного місця від 0 до 100, від найвищого. Ті самі числа — у таблиці під діаграмою.
pulse-chart-index-summary = Найвищий індекс — { $best } ({ $best_value }), найнижчий — { $worst } ({ $worst_value }).
pulse-chart-index-one = Індекс поки є лише в одного: { $name } ({ $value }).
pulse-chart-index-none = Індекс обчислюємо, коли за 12 місяців ухвалено щонайменше { $n ->
    [one] { $n } рішення
    [few] { $n } рішення
   *[other] { $n } рішень
}; поки що даних замало.
pulse-compare-caption = Показники за 12 місяців і місце за індексом
pulse-col-place = Назва
pulse-col-rank = Місце
pulse-col-index = Індекс
pulse-index-heading = Індекс пульсу
pulse-index-explained = Індекс — зважена сума показників від 0 до 100; складники, для яких замало даних, не враховано.
pulse-index-formula-link = Формула і ваги індексу
pulse-index-caption = Складники індексу: вага і оцінка від 0 до 100
pulse-col-component = Складник
pulse-col-weight = Вага
pulse-col-score = Оцінка
pulse-component-on-time = Рішення вчасно
pulse-component-satisfaction = Задоволеність мешканців
pulse-component-speed = Швидкість розгляду
pulse-component-backlog = Без прострочень
pulse-component-services-online = Послуги повністю онлайн
pulse-component-self-service = Самостійні заяви онлайн
pulse-component-on-time-rule = Частка рішень, ухвалених не пізніше кінцевого терміну.
pulse-component-satisfaction-rule = (Середня оцінка − 1) / 4; оцінки від 1 до 5.
pulse-component-speed-rule = 1 − медіана днів розгляду / 30, але не менше 0.
pulse-component-backlog-rule = 1 − прострочені справи / справи на розгляді зараз; 1, якщо на розгляді нічого немає.
pulse-component-services-online-rule = Частка послуг, які можна отримати повністю онлайн, серед запропонованих.
pulse-component-self-service-rule = Частка заяв, які мешканці подали онлайн самостійно.
pulse-privacy = Жодних персональних даних: кількість від 1 до { $below } показано як «менше ніж { $n }», а кожну іншу округлено до найближчого числа, кратного { $n } (0 так і лишається 0), щоб жодного малого числа не можна було обчислити, віднявши одне число від іншого, — громаду від області, місяць від року. Медіани, частки й середні показано лише тоді, коли за ними щонайменше { $n } { $n ->
    [one] справа
    [few] справи
   *[many] справ
  }, а частку — лише тоді, коли ні частина, ні решта не є числом від 1 до { $below }.
pulse-privacy-exact = Ця інсталяція публікує точні числа (її поріг — 1): жодну кількість не приховано й не округлено.
pulse-data-title = Відкриті дані пульсу
pulse-data-intro = Кожне число пульсу можна завантажити у форматах CSV і JSON — для всієї інсталяції, кожної області та кожної громади. Усі файли мають однакову будову, описану на цій сторінці.
pulse-data-licence = Дані поширюються за ліцензією
pulse-data-snapshot = Поточний знімок даних зроблено { $date } о { $time } за київським часом ({ $utc }); час знімка є в кожному рядку файлу (стовпець snapshot_at).
pulse-data-threshold = Поріг — { $n }. Кількість від 1 до { $below } показано як «менше ніж { $n }» (у файлах — порожнє значення з позначкою suppressed). Кожну іншу кількість — заяв, рішень, відповідей чи справ — округлено до найближчого числа, кратного { $n }, половину — вгору ({ $low } показано як { $n }, { $high } — як { $double }; 0 так і лишається 0), щоб жодного малого числа не можна було обчислити, віднявши одне число від іншого: громаду від області, місяць від 12 місяців, послугу від усіх послуг. Медіану, частку чи середнє показано лише тоді, коли їх обчислено щонайменше з { $n } { $n ->
    [one] справи
    [few] справ
   *[many] справ
  }, а 90-й перцентиль — лише щонайменше з { $twice } { $twice ->
    [one] рішення
    [few] рішень
   *[many] рішень
  } (з менш ніж 10 рішень це просто найдовша окрема справа). Їх обчислено з точних кількостей, а опубліковано грубо, щоб із них не можна було відновити точну кількість: частку — до найближчих 10 відсотків, якщо справ менше ніж 20, до 5 відсотків, якщо менше ніж 100, і до цілого відсотка від 100; середню оцінку — до одного десяткового знака.
pulse-data-threshold-none = Поріг — 1: усі кількості точні, жодне число не приховано.
pulse-data-files = Файли
pulse-data-files-intro = Адреси файлів передбачувані: додайте .csv або .json до адреси сторінки пульсу.
pulse-file-installation-csv = уся інсталяція, CSV
pulse-file-installation-json = уся інсталяція, JSON
pulse-file-schema = схема файлів JSON (JSON Schema)
pulse-file-region = область «{ $name }», CSV; так само /pulse/<область>.json
pulse-file-community = громада «{ $name }», CSV; так само /<громада>/pulse.json
pulse-data-format = CSV: UTF-8, кома як роздільник, перший рядок — назви стовпців, порожнє поле — немає значення. JSON: об’єкт із ліцензією, часом знімка, порогом, переліком стовпців (columns) і рядками (rows); кожен рядок має ті самі поля, що й CSV, а порожнє значення — null. Десятковий роздільник у файлах — крапка.
pulse-data-columns = Стовпці
pulse-data-columns-caption = Стовпці кожного рядка, у цьому порядку
pulse-data-name = Назва
pulse-data-meaning = Що містить
pulse-column-snapshot-at = Час знімка даних (RFC 3339, UTC).
pulse-column-scope-type = Про що рядок: installation — уся інсталяція, region — область, community — громада.
pulse-column-scope = Ідентифікатор області чи громади, як в адресі; порожньо для всієї інсталяції.
pulse-column-region = Для громади — ідентифікатор її області; інакше порожньо.
pulse-column-period = Період: місяць РРРР-ММ; 12 місяців РРРР-ММ/РРРР-ММ; день знімка РРРР-ММ-ДД для показників «зараз».
pulse-column-service = Ідентифікатор послуги; порожньо — усі послуги разом.
pulse-column-channel = Спосіб подання (лише для applications); порожньо — усі способи разом.
pulse-column-measure = Показник; перелік нижче.
pulse-column-value = Число; порожньо, якщо його приховано або немає з чого рахувати (див. flag). Кількості округлено, як велить поріг (вище). Частки — від 0 до 1.
pulse-column-flag = Порожньо, якщо значення є; suppressed — приховано за порогом; no_data — немає справ, з яких рахувати.
pulse-data-measures = Показники
pulse-data-measures-caption = Показники, їхні одиниці та визначення
pulse-data-unit = Одиниця
pulse-data-definition = Визначення
pulse-unit-services = послуги
pulse-unit-applications = заяви
pulse-unit-decisions = рішення
pulse-unit-ratio = частка від 0 до 1
pulse-unit-days = календарні дні
pulse-unit-cases = справи
pulse-unit-answers = відповіді
pulse-unit-score = бал від 1 до 5
pulse-unit-points = бали від 0 до 100
pulse-unit-place = місце, 1 — найвище
pulse-unit-places = кількість місць
pulse-measure-services-offered = Послуги, які пропонує громада; для області чи інсталяції — усі різні послуги її громад.
pulse-measure-services-fully-online = З них ті, які можна отримати повністю онлайн (див. «Як рахуємо»).
pulse-measure-applications = Подані заяви (не чернетки) за місяцем подання.
pulse-measure-decisions = Рішення (задоволено або відмовлено) за місяцем рішення.
pulse-measure-decided-on-time = З них ухвалені не пізніше кінцевого терміну.
pulse-measure-on-time-share = Частка вчасних рішень: decided_on_time / decisions.
pulse-measure-processing-days-median = Медіана днів від подання до рішення.
pulse-measure-processing-days-p90 = 90-й перцентиль днів від подання до рішення: за стільки днів ухвалено щонайменше 90 % рішень.
pulse-measure-withdrawn = Заяви, які мешканці відкликали; у час розгляду не входять.
pulse-measure-open-now = Справи на розгляді в день знімка: подані, ще без рішення.
pulse-measure-overdue-now = З них прострочені: кінцевий термін минув, а годинник терміну йде (офіс не чекає на мешканця).
pulse-measure-satisfaction-answers = Відповіді на опитування після рішення, за місяцем відповіді.
pulse-measure-satisfaction-mean = Середня оцінка цих відповідей.
pulse-measure-index = Індекс пульсу (формула нижче).
pulse-measure-index-rank = Місце за індексом: громади — серед громад своєї області, області — серед областей. Однаковий індекс — однакове місце.
pulse-measure-index-ranked = Скільки учасників цього порівняння мають індекс.
pulse-data-channels = Способи подання
pulse-channel-self-service-rule = Мешканець подав заяву онлайн сам, з обліковим записом чи без нього.
pulse-channel-assisted-rule = Заяву подав оператор ЦНАП разом із мешканцем, чий обліковий запис знайдено.
pulse-channel-on-behalf-rule = Заяву подав оператор ЦНАП від імені мешканця без облікового запису, за його згодою. Спосіб визначено на момент подання; якщо онлайн хтось подав заяву за іншу людину, система цього не бачить.
pulse-data-rules = Як рахуємо
pulse-rule-time = Місяці й дні — за київським часом.
pulse-rule-days = Час розгляду — календарні дні від дати подання до дати рішення (0 — того самого дня), разом із днями, коли офіс чекав на мешканця: стільки чекав мешканець.
pulse-rule-median = Медіана — середнє значення впорядкованого ряду (за парної кількості — середнє двох середніх значень); 90-й перцентиль — методом найближчого рангу. Обидва — з точністю до дня.
pulse-rule-on-time = Рішення вчасне, якщо його ухвалено не пізніше кінцевого терміну, продовженого на час, коли офіс чекав на мешканця. Справа без терміну не буває простроченою.
pulse-rule-withdrawn = Відкликані заяви не є рішеннями: їх не враховано ні в часі розгляду, ні в частці вчасних рішень.
pulse-rule-open = Показники «зараз» не належать жодному місяцю: це стан на день знімка.
pulse-rule-satisfaction = Задоволеність — одне питання після рішення, оцінка від 1 до 5, одна відповідь на справу.
pulse-rule-online = Кожну послугу тут можна подати онлайн: її опис і є онлайн-формою. «Повністю онлайн» — якщо, крім того, розгляд доходить до рішення без кроку, який може зробити лише оператор ЦНАП (такий крок означав би візит). Документи, які треба показати особисто, в описах послуг не позначено, тож тут їх не враховано; що взяти з собою, сказано на сторінці послуги.
pulse-rule-flags = Частку (наприклад, рішень вчасно) показуємо, лише коли ні частина, ні решта не менші за поріг, інакше з частки можна було б обчислити мале число. Якщо приховану кількість можна обчислити відніманням від показаної суми (спосіб подання від усіх заяв), приховуємо й найменшу з інших частин — вона позначена «приховано». Приховані числа не видно й на діаграмах: стовпчик для них не малюємо, а висота кожного іншого — округлена кількість.
pulse-rule-refresh = Числа рахуємо з підсумків, які оновлюються разом зі справами, а не з самих справ; знімок перераховуємо не частіше ніж раз на хвилину.
pulse-data-formula = Індекс = 100 × ({ $sum }) / сума ваг урахованих складників, де кожен складник — оцінка від 0 до 1.
pulse-data-index-rules = Індекс обчислюємо, коли за 12 місяців ухвалено не менше рішень, ніж поріг. Складник, для якого замало даних (рішень, відповідей чи справ на розгляді менше, ніж поріг, або його частка виказала б мале число), не враховано, а ваги решти перераховано. Індекс округлено до десятих; місця — за округленим індексом.
pulse-data-horizon = Швидкість: медіана { $days } { $days ->
    [one] день
    [few] дні
   *[many] днів
  } і більше дає 0 — це загальний найдовший строк надання адміністративної послуги.
pulse-data-weights-caption = Складники індексу та їхні ваги (разом 100)

## Documents
documents-title = Мої документи
documents-none = Документів поки немає. Коли громада ухвалить рішення, що видає документ, він з’явиться тут і на сторінці заяви.
case-documents = Документи
document-number = Номер документа
document-issued-on = Дата видачі
document-valid-until = Дійсний до
document-no-expiry = Безстроково
document-holder = Кому видано
document-status = Стан
document-contents = Зміст документа
document-check-heading = Перевірка справжності
document-check-scan = Наведіть камеру телефону на QR-код: відкриється сторінка перевірки.
document-check-visit = Або відкрийте { $address } і введіть код перевірки.
document-code = Код перевірки:
document-check-now = Перевірити цей документ
document-revoke-link = Відкликати документ
document-qr-label = QR-код для перевірки документа
document-pdf = Завантажити PDF ({ $number })
document-back-to-case = До заяви
document-revoked-on = відкликано { $date }
document-revoked-banner = Цей документ відкликано { $date }. Причина: { $reason }
document-expired-banner = Строк дії цього документа закінчився { $date }.
document-pdf-scan = Перевірте документ: наведіть камеру телефону на QR-код.
document-pdf-or-visit = Або відкрийте { $address }
document-pdf-code = і введіть код перевірки { $code }
document-pdf-signed = Документ підписано електронним ключем громади { $key } (Ed25519).
document-pdf-keys = Відкриті ключі для перевірки без інтернету: { $address }
document-revoke-title = Відкликати документ { $number }
document-revoke-intro = Після відкликання перевірка за QR-кодом чи кодом скаже, що документ відкликано, і назве дату. Заявник отримає повідомлення з причиною. Скасувати відкликання не можна.
document-revoke-reason = Причина відкликання
document-revoke-reason-hint = Заявник прочитає цей текст. Наприклад: «Помилка в адресі; видано новий документ».
document-revoke-button = Відкликати документ
document-revoke-reason-missing = Напишіть причину відкликання
document-revoke-reason-long = Причина має бути не довшою за { $max } { $max ->
    [one] символ
    [few] символи
   *[many] символів
  }
document-revoked-event = Документ { $number } відкликано. Причина: { $reason }
timeline-document-revoked = Документ відкликано
staff-event-document-revoked = Документ відкликано

mail-document-issued = Громада видала документ «{ $title }» № { $number }. Його можна відкрити, роздрукувати чи завантажити у PDF на сторінці заяви; справжність перевіряють за QR-кодом або кодом перевірки на сайті.

## Verification
## Short guides (/help, /help/{guide}) and the accessibility statement (/accessibility).
## A guide's messages may use $file, $application (upload limits), $side, $megapixels (image limits) and $idle (minutes).
footer-guides = Довідка: як користуватися сайтом
footer-accessibility = Заява про доступність
help-title = Довідка
help-intro = Короткі інструкції для тих, хто рідко користується інтернетом. Кожна — на одній сторінці, крок за кроком.
help-centre = Якщо щось не виходить, зверніться до ЦНАП своєї громади: там допоможуть.
help-other-guides = Інші інструкції
help-opens-new-tab = (відкриється в новій вкладці)
help-link-photograph = Як сфотографувати документ телефоном
help-link-account = Як створити обліковий запис і ввійти
help-link-after = Що буде після подання і скільки це триває
help-link-else = Як хтось інший може подати заяву за вас
help-link-qr = Як перевірити QR-код документа
guide-photograph-title = Як сфотографувати документ телефоном
guide-photograph-summary = Щоб працівник громади зміг прочитати кожне слово з вашого фото.
guide-photograph-prepare = Перед тим як знімати
guide-photograph-prepare-1 = Покладіть документ на рівну темну поверхню, наприклад на стіл.
guide-photograph-prepare-2 = Знімайте при денному світлі біля вікна або під яскравою лампою. Не вмикайте спалах: він дає відблиск.
guide-photograph-prepare-3 = Розгорніть документ повністю. Притисніть загнуті краї.
guide-photograph-take = Як знімати
guide-photograph-take-1 = Тримайте телефон рівно над документом, а не збоку.
guide-photograph-take-2 = Увесь документ, з усіма чотирма кутами, має бути в кадрі. Пальці не повинні закривати текст.
guide-photograph-take-3 = Торкніться екрана там, де текст, щоб фото було різким.
guide-photograph-take-4 = Перегляньте фото. Чи можна прочитати кожне слово і кожну цифру? Якщо ні, зніміть ще раз.
guide-photograph-pages = Якщо сторінок кілька
guide-photograph-pages-text = Зніміть кожну сторінку окремо. Якщо поле приймає кілька файлів, виберіть їх усі разом або додавайте по одному кнопкою «Завантажити і додати ще».
guide-photograph-size = Розмір файлів
guide-photograph-size-file = Один файл — не більше { $file }. У деяких полях межа менша: її написано під назвою поля.
guide-photograph-size-all = Усі файли однієї заяви разом — не більше { $application }.
guide-photograph-size-image = Ширина і висота фото — кожна не більше { $side } (у пікселях), а все фото — не більше { $megapixels } Мп. Звичайні фото з телефона вміщаються. Якщо телефон знімає в режимі 100 або 200 Мп, перемкніть його на звичайний режим.
guide-photograph-size-kinds = Сайт приймає фото JPG і PNG та файли PDF. Якщо файл завеликий, надішліть фото в меншому розмірі: багато телефонів пропонують це, коли ви ділитеся фото.
guide-photograph-stuck = Якщо не виходить
guide-photograph-stuck-text = Збережіть заяву і зверніться до ЦНАП своєї громади з паперовим документом.
guide-account-title = Як створити обліковий запис і ввійти
guide-account-summary = Обліковий запис зберігає всі ваші заяви в одному місці.
guide-account-need = Чи потрібен він вам
guide-account-need-text = Багато послуг можна замовити без облікового запису: тоді ви отримаєте посилання, за яким видно стан заяви. На сторінці послуги написано, чи потрібен обліковий запис.
guide-account-create = Як створити обліковий запис
guide-account-create-1 = Угорі сторінки натисніть «Мій кабінет», а потім «Немає облікового запису? Створіть його».
guide-account-create-2 = Введіть своє ім’я і адресу електронної пошти.
guide-account-create-3 = Придумайте пароль: щонайменше 12 символів. Найлегше запам’ятати кілька слів, наприклад «зелений чайник їде додому». Не беріть слова зі свого імені чи адреси.
guide-account-create-4 = Відкрийте лист, який ми надішлемо, і натисніть посилання в ньому протягом 24 годин. Якщо листа немає, подивіться в папці «Спам».
guide-account-sign-in = Як увійти
guide-account-sign-in-1 = Угорі сторінки натисніть «Мій кабінет».
guide-account-sign-in-2 = Введіть адресу електронної пошти і пароль, натисніть «Увійти».
guide-account-sign-in-3 = Якщо комп’ютер чужий, після роботи натисніть «Вийти».
guide-account-forgot = Якщо забули пароль
guide-account-forgot-1 = На сторінці входу натисніть «Забули пароль?».
guide-account-forgot-2 = Введіть адресу, з якою реєструвалися.
guide-account-forgot-3 = Протягом години відкрийте посилання з листа і задайте новий пароль.
guide-account-no-email = Якщо немає електронної пошти
guide-account-no-email-text = Без адреси електронної пошти обліковий запис не створити. Попросіть рідних допомогти її завести або подайте заяву в ЦНАП своєї громади.
guide-after-title = Що буде після подання заяви
guide-after-summary = Як рухається ваша заява, скільки це триває і де дивитися її стан.
guide-after-this-service = Строк послуги «{ $service }»
guide-after-at-once = Одразу після подання
guide-after-at-once-text = Ви побачите номер заяви. Запишіть його. Якщо ви вказали електронну пошту, ми надішлемо лист із цим номером.
guide-after-steps = Як рухається заява
guide-after-steps-1 = Заява надходить до працівника громади.
guide-after-steps-2 = Працівник перевіряє ваші відповіді й документи.
guide-after-steps-3 = Якщо чогось бракує, вам напишуть. Відповісти можна на сторінці заяви.
guide-after-steps-4 = Громада ухвалює рішення, і ми повідомляємо вам. Якщо видано документ, його можна завантажити на сторінці заяви.
guide-after-time = Скільки це триває
guide-after-time-text = Строк кожної послуги написано на її сторінці, у розділі «Скільки часу це займає». Його рахують від дня, коли ви подали заяву.
guide-after-time-days = Робочі дні — це дні без вихідних і святкових. Якщо строк у календарних днях закінчується у вихідний, він переходить на наступний робочий день.
guide-after-time-pause = Поки працівник чекає на вашу відповідь, строк не йде. Коли ви відповісте, він іде далі.
guide-after-time-due = На сторінці заяви написано, до якого дня має бути рішення.
guide-after-watch = Де дивитися стан заяви
guide-after-watch-account = Якщо ви входили в обліковий запис: угорі сторінки «Мої заяви».
guide-after-watch-link = Без облікового запису: за посиланням із листа або зі сторінки «Заяву надіслано». Не пересилайте це посилання іншим.
guide-after-watch-phone = Можна також зателефонувати до ЦНАП громади і назвати номер заяви.
guide-else-title = Як хтось інший може подати заяву за вас
guide-else-summary = Працівник ЦНАП, родич або знайомий може допомогти вам подати заяву.
guide-else-centre = Через працівника ЦНАП
guide-else-centre-1 = Прийдіть до ЦНАП своєї громади з паспортом або ID-карткою і документами для послуги.
guide-else-centre-2 = Працівник спитає вашої згоди і заповнить заяву від вашого імені.
guide-else-centre-3 = Ви отримаєте розписку з номером заяви. Якщо у вас немає облікового запису, на розписці буде одноразовий код.
guide-else-centre-4 = Щоб бачити заяву на сайті, створіть обліковий запис або увійдіть, відкрийте сторінку «Додати заяву з ЦНАП» і введіть код з розписки.
guide-else-relative = Родич або знайомий
guide-else-relative-text = Родич може сісти поруч і допомогти вам заповнити заяву. Заяву подаєте ви, від свого імені, тож довіреність не потрібна.
guide-else-relative-proxy = Якщо інша людина звертається замість вас, без вас, їй зазвичай потрібна нотаріально посвідчена довіреність. Спитайте в ЦНАП, чи можна так отримати саме цю послугу.
guide-else-children = Діти
guide-else-children-text = Батьки подають заяви за своїх неповнолітніх дітей без довіреності.
guide-qr-title = Як перевірити QR-код документа
guide-qr-summary = Як переконатися, що документ справді видала громада і що він чинний.
guide-qr-camera = Камерою телефона
guide-qr-camera-1 = Відкрийте камеру телефона і наведіть її на QR-код на документі.
guide-qr-camera-2 = Натисніть посилання, яке з’явиться на екрані.
guide-qr-camera-3 = Відкриється сторінка «Перевірити документ». Вона скаже, чи документ справжній і чи він чинний.
guide-qr-code = Кодом перевірки
guide-qr-code-1 = Знайдіть код перевірки під QR-кодом: 10 літер і цифр.
guide-qr-code-2 = Відкрийте «Перевірити документ» — посилання є внизу кожної сторінки.
guide-qr-code-3 = Введіть код і натисніть «Перевірити».
guide-qr-result = Що ви побачите
guide-qr-result-text = Сторінка покаже вид документа, номер, дати, хто його видав, і ініціали власника. Порівняйте їх з папером. Якщо щось не збігається, не приймайте документ.
guide-qr-result-address = Перевірте адресу сайту в рядку браузера: вона має бути тією, що надрукована на документі.
a11y-title = Заява про доступність
a11y-intro = Ми хочемо, щоб цим сайтом могли користуватися всі: з екранним читачем, лише з клавіатурою, зі збільшеним текстом, на маленькому екрані і з повільним інтернетом.
a11y-status = Наскільки сайт доступний
a11y-status-text = Мета — рівень AA настанов WCAG 2.2 (на них спирається європейський стандарт EN 301 549). Сайт частково відповідає цьому рівню: відомі проблеми перелічено нижче.
a11y-method = Як ми перевіряли
a11y-method-text = Перед кожним випуском автоматичний тест відкриває в браузері Chromium кожну сторінку, до якої можна дійти посиланнями, українською та англійською. Він перевіряє правила WCAG 2.2 A і AA інструментом axe-core, вагу сторінки (не більше 30 КБ), чи вміщується сторінка на екрані шириною 320 пікселів і при збільшенні 200 %, заголовки, посилання для переходу до змісту і те, що сторінка працює без JavaScript. Окремі сценарії заповнюють форми лише клавіатурою.
a11y-figures-date = Результати останньої перевірки, { $date }:
a11y-figures-none = Тест ще не записав результатів для цього випуску: він робить це сам, коли перевірка проходить без жодної помилки.
a11y-figure-pages = Перевірено сторінок
a11y-figure-axe = Порушень, знайдених axe-core
a11y-figure-heaviest = Найважча сторінка
a11y-figure-heaviest-value = { $kb } КБ з дозволених { $budget } КБ ({ $page })
a11y-figure-reflow = Вміщуються в ширину 320 пікселів
a11y-figure-reflow-value = { $n } з { $of }
a11y-figure-browser = Браузер
a11y-method-people = Автоматичні тести знаходять лише частину проблем. Перевірки з людьми, які користуються допоміжними технологіями, ще не було.
a11y-problems = Відомі проблеми
a11y-problem-pdf = Документи у форматі PDF мають теги і справжній текст, але ми ще не перевіряли їх з екранними читачами.
a11y-problem-charts = Графіки на сторінках «Пульсу» — зображення SVG. Під кожним є короткий опис і таблиця з тими самими числами, але сам графік екранний читач не озвучує поелементно.
a11y-problem-timeout = Якщо ви ввійшли в обліковий запис і понад { $idle } хв нічого не надсилаєте, сайт виходить з нього без попередження. Відповіді сторінок, які ви вже надіслали, збережено, а відповіді відкритої сторінки треба ввести знову.
a11y-problem-staff-code = Працівники громади входять з шестизначним кодом із застосунку на телефоні. Код можна вставити, але переписувати його з іншого пристрою декому важко.
a11y-problem-texts = Описи послуг і запитання пише кожна громада. Ми не можемо перевірити, чи всі вони написані простою мовою.
a11y-formats = Якщо потрібен інший формат
a11y-formats-text = Якщо вам потрібна інформація з цього сайту в іншому вигляді — роздрукована, великим шрифтом, прочитана вголос по телефону — або ви не можете подати заяву онлайн, ЦНАП вашої громади допоможе: там можна подати будь-яку заяву особисто.
a11y-contact = Куди повідомити про проблему
a11y-contact-text = Напишіть або зателефонуйте до ЦНАП своєї громади. Адреса, телефон, електронна пошта і години роботи є на сторінці громади і на сторінці кожної послуги. Скажіть, на якій сторінці була проблема і що ви робили.
a11y-contact-link = Знайти свою громаду
verify-title = Перевірити документ
verify-intro = Перевірте, чи документ справді видала громада і чи він чинний. Наведіть камеру телефону на QR-код документа або введіть код перевірки, надрукований під ним.
verify-code-label = Код перевірки або посилання з QR-коду
verify-code-hint = 10 літер і цифр, наприклад 7K3MQ-9XD2A. Великі чи малі літери й дефіс не важливі.
verify-button = Перевірити
verify-code-unreadable = Введіть код так, як він надрукований: 10 літер і цифр, наприклад 7K3MQ-9XD2A, або вставте посилання з QR-коду
verify-valid = Документ справжній і чинний
verify-valid-text = Його видала громада, і підпис QR-коду цілий. Підпис захищає те, що записано в QR-коді: номер, дати, вид документа, власника і відбиток його змісту. Звірте дані нижче з паперовим документом; якщо на папері написано щось інше, зверніться до громади, яка його видала.
verify-revoked = Документ відкликано { $date }
verify-revoked-text = Документ справжній, але громада його відкликала. Він більше не діє. Зверніться до громади, яка його видала.
verify-expired = Строк дії документа закінчився { $date }
verify-expired-text = Документ справжній, але вже не чинний. Власник може звернутися до громади по новий.
verify-not-here = Цей документ видано не тут
verify-not-here-text = Ми не знаємо ключа, яким його підписано, або не маємо запису про такий документ. Можливо, його видала інша система; перевірте його там.
verify-code-not-found = Документа з таким кодом немає
verify-code-not-found-text = Перевірте, чи код введено так, як він надрукований під QR-кодом: легко сплутати схожі символи. Якщо код правильний, цей документ видано не тут — не приймайте його, поки не перевірите там, де його видали.
verify-forged = Документ підроблений або пошкоджений
verify-forged-text = Підпис не збігається з даними документа: хтось змінив документ або код зчитано з помилкою. Не приймайте цей документ; спробуйте зчитати QR-код ще раз.
verify-details = Що вказано в документі
verify-type = Документ
verify-issuer = Видав
verify-holder-initials = Ініціали власника
verify-compare = Тут показано лише ініціали власника: хто знає тільки код перевірки, не дізнається його імені. Сам QR-код містить ім’я власника повністю, як воно надруковане на папері, щоб документ можна було перевірити й без інтернету. Порівняйте номер, дати й ініціали з паперовим документом.
verify-another = Перевірити інший документ
verify-offline = Перевірити без інтернету можна відкритими ключами громад:

# ---- bklang ----
# `hromada backup`, `backup verify` і `restore` (crates/hromada/src/backup.rs, main.rs):
# їхні звіти й відмови. Рядки звіту команда друкує з відступом.
backup-size-b = { $n } Б
backup-size-kb = { $n } КБ
backup-size-mb = { $n } МБ
backup-size-gb = { $n } ГБ
backup-size-tb = { $n } ТБ
backup-written = Резервну копію записано в { $dest }
backup-written-database = база даних ({ $backend }, схема { $schema }): { $size }
backup-written-uploads = завантажені файли: { $count ->
    [one] { $count } файл
    [few] { $count } файли
   *[many] { $count } файлів
}, { $size }
backup-written-keys = ключі підпису (зашифровані): { $count }
backup-written-total = усього: { $count ->
    [one] { $count } файл
    [few] { $count } файли
   *[many] { $count } файлів
}, { $size }, за { $seconds } с
backup-written-check = Перевірте її командою `hromada backup verify { $dest }`.
backup-verified = { $src }: резервна копія ціла (база даних { $backend }, схема { $schema }, зроблена { $made } програмою Hromada { $version }): { $count ->
    [one] { $count } файл
    [few] { $count } файли
   *[many] { $count } файлів
}, { $size }, усе так, як записано в маніфесті
backup-no-database = файлу бази даних { $path } немає: перевірте data_dir і database_url
backup-cannot-open-database = не вдається відкрити базу даних { $url }: { $error }
backup-locked = уже триває інше резервне копіювання { $dir } (воно тримає { $lock }): дочекайтеся, поки воно завершиться
backup-cannot-create-data-dir = не вдається створити теку даних { $path }: { $error }
backup-cannot-open = не вдається відкрити { $path }: { $error }
backup-cannot-lock = не вдається заблокувати { $path }: { $error }
backup-dest-not-empty = тека { $dest } не порожня: для кожної резервної копії вкажіть нову теку
backup-dest-is-file = { $dest } — це файл: вкажіть для резервної копії нову теку
backup-cannot-create = не вдається створити { $path }: { $error }
backup-cannot-read = не вдається прочитати { $path }: { $error }
backup-schema-unreadable = не вдається прочитати версію схеми бази даних: { $error }
backup-no-schema = у базі даних ще немає схеми: копіювати нічого
backup-schema-newer = базу даних оновила до схеми { $schema } новіша версія Hromada (ця знає схеми лише до { $known }): зробіть резервну копію тією версією
backup-cannot-copy-database = не вдається скопіювати базу даних: { $error }
backup-cannot-write-manifest = не вдається записати маніфест: { $error }
backup-work-stopped = резервне копіювання перервалося: { $error }
backup-upload-bad-name = справа посилається на завантажений файл із назвою { $name }, а це не SHA-256
backup-upload-missing = { $path }: на цей файл посилається справа, але в теці даних його немає
backup-cannot-copy-to = не вдається скопіювати { $from } до { $to }: { $error }
backup-upload-damaged = файл { $path } пошкоджено: SHA-256 його вмісту — { $sha }, а не його назва; поверніть цей файл із попередньої резервної копії
backup-cannot-copy = не вдається скопіювати { $path }: { $error }
backup-cannot-sync = не вдається надійно зберегти { $path } на диску: { $error }
backup-cannot-write = не вдається записати { $path }: { $error }
backup-pg-tool-missing = { $program } не встановлено або його немає в PATH: встановіть клієнтські програми PostgreSQL тієї ж основної версії, що й сервер (у Debian: apt-get install postgresql-client-NN, де NN — як у відповіді `psql -c 'SHOW server_version'`)
backup-cannot-run = не вдається запустити { $program }: { $error }
backup-pg-tool-failed = { $program } завершився з помилкою ({ $status }): { $said }
backup-dump-cannot-run = не вдається запустити pg_restore, щоб прочитати з дампу перелік завантажених файлів: { $error }
backup-dump-no-output = pg_restore нічого не вивів
backup-dump-failed = pg_restore не зміг прочитати з дампу перелік завантажених файлів ({ $status }): { $said }
backup-dump-output-unreadable = не вдається прочитати вивід pg_restore: { $error }
backup-dump-no-sha-column = у таблиці case_files із дампу немає стовпця sha256: { $line }
backup-dump-row-no-sha = у рядку таблиці case_files із дампу немає sha256: { $line }
backup-dump-no-case-files = у дампі немає таблиці case_files: це не база даних Hromada
backup-verify-missing = { $path }: файлу немає, хоча маніфест його перелічує: резервна копія неповна
backup-verify-unreadable = { $path }: не вдається прочитати: { $error }
backup-verify-size = { $path }: { $size ->
    [one] { $size } байт
    [few] { $size } байти
   *[many] { $size } байтів
}, а в маніфесті — { $expected }: файл обрізано або змінено
backup-verify-changed = { $path }: вміст файлу змінився після резервного копіювання (SHA-256 не такий, як у маніфесті)
backup-no-manifest = у { $src } немає { $manifest }: це не завершена резервна копія Hromada (маніфест записується останнім)
backup-no-folder = { $src }: такої теки немає
backup-manifest-too-large = { $path }: файл завеликий як для маніфесту
backup-manifest-not-json = { $path }: це не маніфест ({ $error }): файл пошкоджено
backup-manifest-foreign = { $path }: це не маніфест резервної копії Hromada
backup-manifest-newer = { $path }: формат резервної копії { $format } створила новіша версія Hromada, а ця читає формат { $known }: скористайтеся тією новішою версією
backup-manifest-unknown-format = { $path }: формат резервної копії { $format } ця версія Hromada не читає (вона читає формат { $known })
backup-manifest-no-version = { $path }: у ньому не вказано format_version: файл пошкоджено
backup-manifest-damaged = { $path }: { $error }: файл пошкоджено
backup-manifest-outside = { $path }: у ньому названо { $named } — шлях поза резервною копією: відмовлено
backup-manifest-no-database = { $path }: у ньому не названо власного файлу бази даних: файл пошкоджено
restore-wrong-backend = це резервна копія бази даних { $backup }, а database_url — { $target } ({ $url }): відновлюйте її в базу даних того самого виду
restore-schema-newer = цю резервну копію зробила новіша версія Hromada ({ $version }, схема { $schema }), а ця знає схеми щонайбільше до { $known }: відновіть її тією версією або новішою
restore-keys-secret-wrong = keys_secret не відкриває ключ підпису { $key } із резервної копії: задайте в keys_secret (HROMADA_KEYS_SECRET) парольну фразу тієї інсталяції, з якої зроблено копію
restore-database-unreadable = не вдається прочитати базу даних: { $error }
restore-database-not-empty = у базі даних { $url } уже є { $count ->
    [one] { $count } таблиця
    [few] { $count } таблиці
   *[many] { $count } таблиць
}: для відновлення потрібна нова, порожня база даних (createdb), щоб у ній нічого не перезаписати
restore-unfinished = попереднє відновлення в { $dir } не завершилося (після нього лишилося { $name }): почніть знову з новою, порожньою текою даних і базою даних
restore-data-dir-not-empty = у { $dir } уже є файли: для відновлення потрібна порожня тека даних (data_dir), щоб у ній нічого не перезаписати
restore-database-file-exists = файл бази даних { $path } уже існує: для відновлення потрібна нова база даних (інший database_url, або перенесіть цей файл деінде)
restore-changed-meanwhile = { $path }: файл змінився під час відновлення: запустіть відновлення ще раз
restore-cannot-copy-database = не вдається скопіювати базу даних у { $path }: { $error }
restore-cannot-place-database = не вдається перенести базу даних на її місце: { $error }
restore-cannot-clear = не вдається очистити { $path }: { $error }
restore-cannot-move = не вдається перенести файли на їхнє місце, у { $path }: { $error }
restore-cannot-remove = не вдається видалити { $path }: { $error }
restore-done = Відновлено резервну копію від { $made } (Hromada { $version }, схема { $schema }) за { $seconds } с:
restore-done-database = база даних ({ $backend }) { $url }
restore-done-uploads = завантажені файли: { $count ->
    [one] { $count } файл
    [few] { $count } файли
   *[many] { $count } файлів
}, { $size }, у { $dir }
restore-done-keys = ключі підпису (зашифровані): { $count }, у { $dir }
restore-cannot-open = відновлено, але базу даних { $url } не вдається відкрити: { $error }
restore-cannot-migrate = відновлено, але схему бази даних не вдається оновити: { $error }
restore-audit-unreadable = відновлено, але журнал аудиту не вдається прочитати: { $error }
restore-audit-broken = відновлено, але журнал аудиту порушено: { $error }
restore-audit-intact = журнал аудиту цілий: { $count ->
    [one] { $count } запис
    [few] { $count } записи
   *[many] { $count } записів
}
restore-keys-unreadable = відновлено, але ключі підпису не вдається прочитати: { $error }
restore-key-does-not-open = відновлено, але ключ підпису { $key } не відкривається: { $error }. Задайте в keys_secret парольну фразу тієї інсталяції, з якої зроблено копію
restore-keys-open = чинні ключі підпису відкриваються з keys_secret: { $count }
restore-keys-secret-unset = keys_secret не задано: задайте в ньому (HROMADA_KEYS_SECRET) парольну фразу тієї інсталяції, з якої зроблено копію, інакше документи не видаватимуться, а працівники не зможуть увійти
restore-audit-row-failed = відновлено, але запис про відновлення до журналу аудиту не внесено: { $error }
restore-start = Запустіть інсталяцію командою `hromada serve` (з тими самими налаштуваннями).
backup-key-missing = закритого ключа { $key } немає в { $dir }, хоча документи цієї інсталяції його називають: скопіюйте теку ключів з екземпляра, що його створив (або з давнішої резервної копії), і зробіть копію знову
restore-key-missing = відновлено, але ключа підпису { $key } у резервній копії немає: { $error }
