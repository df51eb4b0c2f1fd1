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
