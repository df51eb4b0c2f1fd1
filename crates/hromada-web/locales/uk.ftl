# Ukrainian, the default language. Keep keys in step with en.ftl (a test checks).

site-name = Громада
site-tagline = Публічні послуги громад онлайн
skip-link = Перейти до основного вмісту
lang-switch-label = English
lang-switch-code = en
lang-switch-hint = Switch to English
demo-banner = Демонстраційна версія. Усі дані вигадані, заяви не мають юридичної сили.
breadcrumbs = Ви тут
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
community-contacts = ЦНАП громади
contact-address = Адреса
contact-phone = Телефон
contact-email = Електронна пошта
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
apply-not-yet = Онлайн-форма цієї послуги ще готується, і скоро з’явиться тут.
apply-meanwhile = Поки що ви можете подати заяву особисто в ЦНАП громади:
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
welcome-title = Ласкаво просимо до «Громади»
welcome-intro = Вас запросили працювати з порталом. Задайте пароль, а потім налаштуйте другий фактор входу.
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
