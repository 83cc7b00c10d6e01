"""Names of children of migrant origin, most frequent first, compiled by hand from public name statistics of
the countries of origin and of the diaspora (facts only). Cyrillic names are spelt per convention by
cyrillic.py; names in Arabic, Perso-Arabic and Ge'ez script list their common Latin spellings, most used first.
"""

# ---- Russian ---------------------------------------------------------------------------------------------
RU_GIVEN_MALE = """Александр Максим Артём Михаил Дмитрий Иван Даниил Кирилл Андрей Егор Никита Илья Алексей Матвей
Тимофей Роман Владимир Ярослав Фёдор Георгий Константин Лев Николай Степан Марк Павел Арсений Денис Тимур
Глеб Владислав Сергей Евгений Антон Вадим Артур Давид Семён Макар Богдан Виктор Игорь Олег Василий Юрий
Руслан Вячеслав Станислав Григорий Леонид Святослав Мирон Савелий Захар Пётр Платон Всеволод Елисей"""
RU_GIVEN_FEMALE = """Анастасия Мария Анна Виктория Дарья Полина Елизавета Екатерина Софья Александра Ксения Алиса
Варвара Вероника Арина Алина Валерия Ева Кристина Ульяна Василиса Милана Юлия Татьяна Ольга Елена Наталья
Ирина Марина Светлана Ангелина Диана Карина Маргарита Таисия Вера Есения Злата Милена Яна Людмила Валентина
Галина Надежда Алёна Виолетта Кира Майя Эвелина Агата Стефания Ярослава Евгения Олеся Оксана Лилия Регина"""
RU_ADULT_MALE = """Сергей Александр Андрей Дмитрий Алексей Евгений Игорь Олег Владимир Михаил Максим Денис Иван Роман
Николай Виктор Юрий Павел Антон Вадим Константин Артём Илья Руслан Владислав Станислав Вячеслав Кирилл Виталий
Геннадий"""
RU_ADULT_FEMALE = """Елена Ольга Наталья Татьяна Ирина Светлана Юлия Анна Екатерина Марина Мария Анастасия Оксана
Людмила Евгения Галина Надежда Виктория Ксения Алёна Валентина Дарья Вера Лариса Любовь Кристина Жанна
Инна Яна Алла"""
# male surname; the feminine is derived (-ов → -ова, -ин → -ина, -ский → -ская), "=" marks invariant
RU_SURNAMES = """Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев
Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв
Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов
Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов
Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин
Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов
Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв
Ковалевский Вишневский Покровский Островский Черных= Седых= Шевчук= Руденко= Толстой"""

# ---- Ukrainian -------------------------------------------------------------------------------------------
UK_GIVEN_MALE = """Олександр Максим Артем Дмитро Назар Богдан Владислав Андрій Денис Іван Марк Матвій Михайло Данило
Тимофій Кирило Ярослав Олексій Микола Володимир Євген Сергій Віталій Ілля Роман Степан Тарас Юрій Павло Петро
Василь Ростислав Святослав Давид Костянтин Єгор Захар Тимур Олег Ігор Антон Вадим Віктор Руслан Микита Остап
Орест Мирослав Всеволод Лев Арсеній Платон Гліб Федір Григорій Дем'ян Нестор Максиміліан Остап"""
UK_GIVEN_FEMALE = """Анастасія Софія Марія Анна Вікторія Дарина Поліна Олександра Єлизавета Катерина Юлія Ангеліна
Аліна Діана Валерія Вероніка Мілана Злата Христина Ірина Олена Наталія Тетяна Оксана Світлана Ольга Яна
Ксенія Соломія Уляна Василина Мирослава Ярослава Богдана Лілія Євгенія Карина Маргарита Емілія Дарія Зоряна
Олеся Людмила Галина Надія Любов Віра Таїсія Аріна Єва Кіра Адріана Владислава Стефанія Марта Мар'яна"""
UK_ADULT_MALE = """Олександр Сергій Андрій Володимир Віталій Дмитро Юрій Олег Ігор Віктор Михайло Микола Василь Іван
Роман Руслан Євген Богдан Вадим Максим Тарас Павло Петро Ярослав Анатолій Валерій Степан Олексій Григорій
Степан"""
UK_ADULT_FEMALE = """Олена Наталія Тетяна Оксана Ірина Світлана Юлія Ольга Людмила Галина Марія Анна Вікторія Інна
Катерина Надія Лариса Валентина Любов Алла Яна Анастасія Віра Ганна Христина Мар'яна Леся Зоряна Іванна
Жанна"""
UK_SURNAMES = """Мельник Шевченко Коваленко Бондаренко Бойко Ткаченко Кравченко Ковальчук Коваль Олійник Шевчук
Поліщук Бондар Ткачук Марченко Лисенко Руденко Савченко Петренко Клименко Мороз Павленко Кравчук Кузьменко
Левченко Харченко Пономаренко Савчук Карпенко Василенко Гончаренко Мельничук Романенко Литвиненко Панченко
Мартинюк Гаврилюк Демченко Кушнір Сидоренко Іваненко Костенко Дмитренко Яковенко Тимошенко Кириленко Гнатюк
Онищенко Приходько Романюк Юрченко Костюк Павлюк Захарченко Гуменюк Данилюк Присяжнюк Степанюк Остапенко
Сергієнко Вакуленко Мазур Білик Гребенюк Зінченко Головко Корнієнко Кучер Швець Голуб Ярошенко Білоус
Тарасенко Волошин Козак Климчук Антонюк Жук Прокопенко Гончар Миронюк Нестеренко Федоренко Шаповал
Лук'яненко Коломієць Заєць Кравець Іванов Петров Ковальський Савицький Вишневський Зеленський Гнатишин"""

# established forms officials use instead of the letter-by-letter transliteration, per convention
CYR_OVERRIDES = {
    # Russian given names: German, Latvian and Lithuanian established forms, and informal Latin spellings
    "Александр": {"de": "Alexander", "latin": "Alexander|Alexandr"},
    "Александра": {"de": "Alexandra", "latin": "Alexandra"},
    "Максим": {"de": "Maxim", "latin": "Maxim"},
    "Алексей": {"de": "Alexej|Alexei", "latin": "Alexey|Alexei"},
    "Ксения": {"de": "Xenia|Ksenija", "latin": "Xenia|Kseniya"},
    "Юлия": {"latin": "Julia|Yulia", "lv": "Jūlija|Julija"},
    "Наталья": {"latin": "Natalia|Natalya", "lv": "Natālija|Nataļja"},
    "Татьяна": {"latin": "Tatiana|Tatyana"},
    "Мария": {"latin": "Maria"},
    "Анастасия": {"latin": "Anastasia"},
    "Виктория": {"latin": "Victoria|Viktoria"},
    "София": {"latin": "Sofia|Sophia"},
    "Софья": {"latin": "Sofia|Sofya"},
    "Евгений": {"latin": "Evgeny|Eugene", "lv": "Jevgeņijs"},
    "Евгения": {"latin": "Evgenia|Eugenia", "lv": "Jevgeņija"},
    "Елена": {"latin": "Elena|Helena"},
    "Екатерина": {"latin": "Ekaterina|Katerina"},
    "Елизавета": {"latin": "Elizaveta|Elisaveta"},
    "Дарья": {"latin": "Daria|Darya"},
    "Илья": {"latin": "Ilya|Ilja"},
    "Пётр": {"latin": "Pyotr|Petr|Peter", "lv": "Pjotrs|Pēteris"},
    "Фёдор": {"latin": "Fedor|Fyodor"},
    "Артём": {"latin": "Artem|Artyom"},
    "Семён": {"latin": "Semen|Semyon"},
    "Алёна": {"latin": "Alena|Alyona"},
    "Роман": {"lv": "Romāns|Romans"},
    "Константин": {"lv": "Konstantīns|Konstantins"},
    "Виталий": {"lv": "Vitālijs|Vitalijs"},
    "Валерия": {"lv": "Valērija|Valerija"},
    "Кристина": {"lv": "Kristīna|Kristina"},
    "Алина": {"lv": "Alīna|Alina"},
    "Павел": {"lv": "Pāvels|Pavels"},
    "Леонид": {"lv": "Leonīds|Leonids"},
    "Артур": {"lv": "Artūrs|Arturs", "lt": "Artūras|Arturas"},
    "Тимур": {"lt": "Timūras|Timuras"},
    "Лев": {"lv": "Ļevs|Levs"},
    "Николай": {"latin": "Nikolai|Nicholas"},
    "Михаил": {"latin": "Mikhail|Michail|Michael"},
    # Ukrainian
    "Олександр": {"latin": "Alexander|Oleksander"},
    "Юлія": {"latin": "Yulia|Julia"},
    "Наталія": {"latin": "Natalia|Nataliya"},
    "Софія": {"latin": "Sofia|Sofiya"},
    "Марія": {"latin": "Mariia|Maria|Mariya"},
    "Анастасія": {"latin": "Anastasia|Anastasiya"},
    "Вікторія": {"latin": "Viktoria|Victoria"},
    "Андрій": {"latin": "Andrij|Andrew"},
    "Сергій": {"latin": "Serhij|Sergii|Sergey"},
    "Дмитро": {"latin": "Dmitro"},
    "Михайло": {"latin": "Mykhaylo|Michael"},
}

# ---- Arabic ----------------------------------------------------------------------------------------------
# Arabic script <TAB> Latin spellings, most used in passports and registers first
AR_GIVEN_MALE = """محمد Mohammed|Muhammad|Mohamad|Mohamed|Muhammed|Mohammad|Mohamud
أحمد Ahmad|Ahmed|Ahmet
علي Ali|Aly
حسن Hassan|Hasan|Hassen
حسين Hussein|Hussain|Husain|Houssein|Hossein
عمر Omar|Umar|Omer
يوسف Yousef|Youssef|Yusuf|Yousif|Yosef|Jusuf
إبراهيم Ibrahim|Ebrahim|Brahim
خالد Khaled|Khalid|Chaled
عبدالله Abdullah|Abdallah|Abdulla|Abdalla|Abdellah
محمود Mahmoud|Mahmud|Mahmood
مصطفى Mustafa|Moustafa|Mostafa
كريم Karim|Kareem
آدم Adam|Aadam
زياد Ziad|Ziyad|Zeyad
سامي Sami|Samy
فارس Fares|Faris
عمار Ammar|Amar
أمير Amir|Ameer
بلال Bilal|Belal
حمزة Hamza|Hamzah|Hamsa
عبدالرحمن Abdulrahman|Abdelrahman|Abdul Rahman|Abdurrahman|Abd al-Rahman
سليمان Sulaiman|Suleiman|Soliman|Sleiman
إسماعيل Ismail|Ismael|Esmail
طارق Tarek|Tariq|Tareq
ماجد Majed|Majid
وليد Walid|Waleed
سعيد Said|Saeed|Saied
ياسين Yassin|Yasin|Yaseen|Yassine
أيمن Ayman|Aymen
باسل Basel|Basil
مهدي Mahdi|Mehdi
قاسم Qasim|Kassem|Qassem|Kasim
إياد Iyad|Eyad
أنس Anas
مالك Malek|Malik
يحيى Yahya|Yehia|Yahia
زكريا Zakaria|Zakariya|Zakariyya
إلياس Elias|Ilyas|Ilias
عيسى Issa|Isa|Eissa
موسى Musa|Moussa|Mousa
هادي Hadi|Hady
صالح Saleh|Salih
فيصل Faisal|Faysal|Feisal
نبيل Nabil|Nabeel
راشد Rashid|Rashed
عادل Adel|Adil
سيف Saif|Seif|Sayf
مراد Murad|Mourad
ريان Rayan|Rayyan|Ryan
تيم Taim|Taym|Tim
عثمان Othman|Osman|Uthman|Usman
حيدر Haidar|Haider|Hayder
مازن Mazen|Mazin
وسيم Wassim|Wasim|Waseem
جاد Jad|Jaad
عبدالعزيز Abdulaziz|Abdelaziz|Abdul Aziz
نوح Nouh|Nuh|Noah"""
AR_GIVEN_FEMALE = """فاطمة Fatima|Fatma|Fatimah|Fatemah|Fatme
مريم Maryam|Mariam|Mariem|Meryem
زينب Zainab|Zaynab|Zeinab
عائشة Aisha|Aysha|Aicha|Ayesha
نور Nour|Noor|Nur
سارة Sara|Sarah
لينا Lina|Leena
ليلى Layla|Leila|Laila|Leyla
آية Aya|Ayah|Aaya
رغد Raghad
هبة Heba|Hiba|Hibah
رنا Rana
ريم Reem|Rim|Rym
سلمى Salma|Selma
ياسمين Yasmin|Yasmine|Jasmin|Yasmeen
دعاء Duaa|Doaa|Dua
آمنة Amina|Amna|Aminah|Amena
خديجة Khadija|Khadidja|Khadijah|Chadidscha
حلا Hala
جنى Jana|Janna
شهد Shahd|Shahed
رهف Rahaf
تسنيم Tasnim|Tasneem
ملك Malak|Malek
نورا Noura|Nora|Nura
هدى Huda|Hoda|Houda
منى Mona|Muna
جود Joud|Jood|Jud
لانا Lana
ماريا Maria|Mariya
ديما Dima|Deema
أمل Amal
إيمان Iman|Eman|Imane
ريتاج Retaj|Ritaj
بتول Batool|Batoul|Batul
زهراء Zahraa|Zahra
غنى Ghina|Ghena|Rhina
هاجر Hajar|Hagar|Hadjer
رزان Razan
بيان Bayan
سدرة Sidra|Sedra
لجين Lujain|Lojain|Loujain
سما Sama
ميار Mayar
جمانة Jumana|Joumana
روان Rawan
أسماء Asmaa|Asma
صفاء Safaa|Safa
ندى Nada
مرح Marah
تالا Tala
جوري Jouri|Juri|Jory
حنين Hanin|Haneen|Hanine
رنيم Ranim|Raneem
رهام Reham|Riham
سلام Salam|Selam"""
# family names; "Al-" names get their Al/El, hyphen and sun-letter spellings from build_names.al_variants
AR_SURNAMES = """الحسن Al-Hassan
العلي Al-Ali
الأحمد Al-Ahmad
المحمد Al-Mohammad
الحسين Al-Hussein
الخليل Al-Khalil
حمدان Hamdan
خليل Khalil
حداد Haddad
صالح Saleh|Salih
إبراهيم Ibrahim|Ebrahim
حسن Hassan|Hasan
محمود Mahmoud|Mahmud|Mahmood
حسين Hussein|Hussain|Husein
عبدالله Abdullah|Abdallah|Abdulla
مصطفى Mustafa|Moustafa|Mostafa
عثمان Othman|Osman
يوسف Youssef|Yousef|Yusuf
علي Ali
أحمد Ahmad|Ahmed
محمد Mohammed|Mohamed|Muhammad|Mohammad
عمر Omar|Umar
العبدالله Al-Abdullah
الجاسم Al-Jasim
الصالح Al-Saleh
الحمد Al-Hamad
العمر Al-Omar
الخطيب Al-Khatib
الشامي Al-Shami
الحلبي Al-Halabi
المصري Al-Masri
العبيدي Al-Obaidi
الجبوري Al-Jubouri
التميمي Al-Tamimi
الدليمي Al-Dulaimi
الربيعي Al-Rubaie
الزبيدي Al-Zubaidi
الشمري Al-Shammari
السعدي Al-Saadi
العزاوي Al-Azzawi
البياتي Al-Bayati
الهاشمي Al-Hashimi
الموسوي Al-Mousawi
الحسيني Al-Husseini
الكردي Al-Kurdi
الحموي Al-Hamwi
الحمصي Al-Homsi
درويش Darwish|Darwiche|Derwish
الحاج Al-Hajj
نجار Najjar|Nadjar|Najar
خوري Khoury|Khouri|Khuri
ناصر Nasser|Naser|Nasir
منصور Mansour|Mansur|Mansoor
قاسم Qasim|Kassem|Kasem
سليمان Suleiman|Sulaiman|Sleiman
سالم Salem|Salim
عوض Awad|Awadh
عباس Abbas
جابر Jaber|Jabir
ياسين Yassin|Yasin|Yassine
بكري Bakri|Bakry
حامد Hamed|Hamid
صباغ Sabbagh|Sabagh
كنعان Kanaan|Kanan
حجازي Hijazi|Hegazi|Hegazy
شاهين Shahin|Shaheen|Chahine
السيد Al-Sayed
عزيز Aziz
حمود Hamoud|Hammoud|Hamud
أبو علي Abu Ali|Abou Ali
رحمة Rahma|Rahmeh
زيدان Zidan|Zeidan
عيسى Issa|Eissa
شريف Sharif|Cherif|Sherif
الرفاعي Al-Rifai
الأسعد Al-Asaad
العثمان Al-Othman
طه Taha
موسى Mousa|Musa|Moussa"""

# ---- Somali: Somali orthography (Latin) first, then the spellings documents and registers use -------------
SO_GIVEN_MALE = """Maxamed Mohamed|Mohammed|Mohamad|Mahamed|Maxamed
Axmed Ahmed|Ahmad|Axmed
Cabdi Abdi|Abdy|Cabdi
Cali Ali|Cali
Xasan Hassan|Hasan|Xasan
Xuseen Hussein|Hussen|Husein|Xuseen
Cumar Omar|Omer|Umar|Cumar
Cabdullaahi Abdullahi|Abdulahi|Cabdullaahi
Cabdiraxmaan Abdirahman|Abdurahman|Abdirahmaan|Cabdiraxmaan
Cabdiqaadir Abdikadir|Abdiqadir|Abdulkadir
Cabdicasiis Abdiaziz|Abdiasis|Abdulaziz
Cabdiraxiim Abdirahim|Abdirehim
Cabdirashiid Abdirashid|Abdirashiid
Cabdiwali Abdiwali
Cabdisalaam Abdisalam|Abdisalaam
Cabdinaasir Abdinasir|Abdinaser
Cabdifataax Abdifatah|Abdifattah
Mahad Mahad
Mustafe Mustafe|Mustafa
Yuusuf Yusuf|Yousuf|Yuusuf
Ibraahim Ibrahim|Ibraahim
Ismaaciil Ismail|Ismacil|Ismael|Ismaaciil
Cusmaan Osman|Usman|Othman|Cusmaan
Faarax Farah|Faarax
Jaamac Jama|Jamac|Jaamac
Aadan Aden|Adan|Aadan
Nuur Nur|Noor|Nuur
Saciid Said|Saeed|Saciid
Maxamuud Mohamud|Mahamud|Mahmoud|Maxamuud
Xamza Hamza|Xamza
Bashiir Bashir|Bashiir
Guuleed Guled|Guuleed
Khaalid Khalid|Khaled
Liibaan Liban|Libaan
Mukhtaar Mukhtar|Mokhtar
Abshir Abshir
Cilmi Elmi|Cilmi
Daahir Dahir|Daher
Salaax Salah|Salax
Sakariye Zakaria|Sakariye|Zakariye
Yoonis Yonis|Yunis|Younis
Ciise Isse|Issa|Ciise
Muuse Muse|Musa|Moussa
Bilaal Bilal|Bilaal
Xamse Hamse|Xamse
Anwar Anwar
Ayaanle Ayanle|Ayaanle
Faysal Faisal|Feysal|Faysal
Sharmaarke Sharmarke
Khadar Khadar|Kadar
Siyaad Siad|Siyad
Warsame Warsame
Hibaaq Hibak
Shucayb Shueib|Shuaib
Sacad Saad|Sacad"""
SO_GIVEN_FEMALE = """Faadumo Fadumo|Fatuma|Fatima|Faadumo
Aamina Amina|Aamina
Xaawo Hawa|Haawo|Xaawo
Khadiija Khadija|Hadija|Khadiija
Sahra Sahra|Zahra|Sahro
Caasha Asha|Aisha|Caasha
Xaliimo Halima|Halimo|Xaliimo
Sagal Sagal
Hibo Hibo|Hiba
Ifraax Ifrah|Ifra
Nimco Nimo|Nimco
Ayaan Ayan|Ayaan
Ubax Ubah|Ubax
Deeqa Deeqa|Deka
Muna Muna
Ilhaan Ilhan|Ilhaan
Ikraan Ikran|Ikraan
Filsan Filsan
Sucaad Suad|Suaad|Sucaad
Canab Anab|Canab
Ladan Ladan
Maryan Maryan|Mariam|Maryam
Fartuun Fartun|Fartuun
Saynab Zainab|Saynab|Sainab
Qamar Qamar|Kamar
Nasra Nasra
Shukri Shukri
Sabriye Sabrie|Sabriye
Xamdi Hamdi|Xamdi
Nasteexo Nasteho|Nastexo
Ismaxaan Ismahan|Ismaxan
Mulki Mulki
Warsan Warsan
Xanaan Hanan|Xanaan
Najma Najma
Yaasmiin Yasmin|Yasmiin
Sumaya Sumaya|Sumaia
Sundus Sundus
Idil Idil
Hodan Hodan
Ruun Ruun|Run
Samiira Samira|Samiira
Kowsar Kowsar|Kawsar
Ruqiya Ruqiya|Rukia|Ruqia
Bishaaro Bishaaro|Bisharo
Nuura Nura|Noora
Hamda Hamda|Xamda
Layla Layla|Leila
Naciimo Naima|Nacimo
Safiya Safiya|Safia"""
# names that stand as family names (the father's and grandfather's given names)
SO_SURNAMES = """Maxamed Mohamed|Mohammed|Mahamed
Axmed Ahmed|Ahmad
Cali Ali
Xasan Hassan|Hasan
Cabdi Abdi|Abdy
Xuseen Hussein|Hussen
Cumar Omar|Omer
Cusmaan Osman|Usman
Faarax Farah
Jaamac Jama|Jamac
Warsame Warsame
Yuusuf Yusuf|Yousuf
Ismaaciil Ismail|Ismacil
Cabdullaahi Abdullahi|Abdulahi
Nuur Nur|Noor
Aadan Aden|Adan
Xirsi Hersi|Hirsi
Daahir Dahir|Daher
Cigaal Egal|Igal
Cilmi Elmi
Ducaale Duale|Dualeh
Guuleed Guled
Maxamuud Mohamud|Mahamud
Ciise Isse|Issa
Saciid Said|Saeed
Cabdiraxmaan Abdirahman|Abdurahman
Gedi Gedi|Geedi
Shire Shire
Samatar Samatar
Bile Bile|Bille
Barre Barre|Bare
Awaale Awale|Awaale
Qaasim Qassim|Kasim
Xaaji Haji|Hagi
Yoonis Yonis|Younis
Jimcaale Jimale|Jimcaale
Abshir Abshir
Carab Arab|Carab
Xaashi Hashi|Haashi
Roble Roble|Robleh
Mire Mire|Mireh
Dirie Dirie|Diriye
Dhuux Dhuh|Duh
Kaahin Kahin|Kaahin
Guure Gure|Guure
Muuse Muse|Musa
Faahiye Fahiye|Faahiye
Cabdicasiis Abdiaziz|Abdiasis
Warfaa Warfa|Warfaa
Buraale Burale|Buraale
Caydiid Aidid|Aydiid
Siyaad Siad|Siyad
Geelle Gelle|Geelle
Xamar Hamar
Dhoore Dhore|Dhoore"""

# ---- Afghan (Dari/Pashto): Perso-Arabic script, then the Latin spellings of tazkira, passports, registers --
AF_GIVEN_MALE = """محمد Mohammad|Muhammad|Mohamad|Mohammed|Mohamed
احمد Ahmad|Ahmed
علی Ali
حسین Hussain|Hussein|Hossein|Husain
حسن Hassan|Hasan
مصطفی Mustafa|Mostafa
عبدالله Abdullah|Abdulla
امید Omid|Omeed|Umid
علیرضا Alireza|Ali Reza
مهدی Mahdi|Mehdi
مرتضی Murtaza|Mortaza|Morteza
سید Sayed|Sayid|Seyed|Said
جواد Jawad|Javad
فرهاد Farhad
جمشید Jamshid|Jamsheed
نوید Navid|Naveed|Nawid
سهراب Sohrab|Suhrab
رحمت‌الله Rahmatullah|Rahmatulla|Rahmat Ullah
نصرالله Nasrullah|Nasrulla
حمید Hamid|Hameed
وحید Wahid|Vahid|Waheed
بلال Bilal|Belal
ادریس Idris|Edris
یوسف Yousuf|Yusuf|Yosuf|Yousef
ابراهیم Ibrahim|Ebrahim
اسماعیل Ismail|Esmail|Ismael
شفیق Shafiq|Shafeeq
رفیع Rafi|Rafie
ذبیح‌الله Zabihullah|Zabiullah
احسان Ehsan|Ihsan
الیاس Elyas|Ilyas|Elias
حبیب Habib|Habeeb
کریم Karim|Kareem
ناصر Naser|Nasir|Nasser
رشید Rashid|Rasheed
سجاد Sajjad|Sajad
مسعود Masoud|Masood|Masud
مجتبی Mujtaba|Mojtaba
صادق Sadiq|Sadegh|Sadeq
امیر Amir|Ameer
عزیز Aziz|Azeez
ولی Wali|Vali
عبدالرحمن Abdul Rahman|Abdulrahman|Abdurrahman
منصور Mansoor|Mansour|Mansur
قاسم Qasim|Ghasem|Qasem
روح‌الله Rohullah|Ruhullah|Rahullah
شریف Sharif|Sharef
فواد Fawad|Fuad
هارون Haroon|Harun|Haroun
نور Noor|Nur
سلطان Sultan|Soltan
رامین Ramin
پرویز Parwiz|Parviz|Perwiz
ضیاءالله Ziaullah|Zia Ullah
شکیب Shakib|Shakeeb"""
AF_GIVEN_FEMALE = """فاطمه Fatima|Fatemeh|Fatema
زهرا Zahra|Zohra
مریم Maryam|Mariam
زینب Zainab|Zeinab|Zaynab
مروه Marwa|Marwah
سکینه Sakina|Sakineh
معصومه Masooma|Masoumeh|Masuma
نرگس Nargis|Narges
شبنم Shabnam
پریسا Parisa
نیلوفر Nilofar|Niloufar|Nilufar
فرشته Freshta|Fereshteh|Fereshta
لیلا Laila|Leila|Layla
مینا Mina|Meena
رویا Roya|Roia
سمیه Somaya|Sumaya|Somayeh
فرزانه Farzana|Farzaneh
مدینه Madina|Madineh
ملالی Malalai
ملاله Malala
شکیلا Shakila|Shakeela
گلالی Gulalai|Gulali
آرزو Arezo|Arezoo|Arzu
یلدا Yalda
نازنین Nazanin|Nazaneen
اسما Asma|Asmaa
خدیجه Khadija|Khadijeh
حبیبه Habiba|Habibeh
مرضیه Marzia|Marzieh|Marziya
تهمینه Tahmina|Tahmineh
زرغونه Zarghona|Zarghuna
حسنا Hosna|Husna
ستاره Setara|Sitara|Setareh
شیرین Shirin|Shireen
نازیه Nazia|Naziya
سمیرا Samira|Sameera
مهناز Mahnaz
وحیده Wahida|Vahideh
فریبا Fariba
صدف Sadaf
شگوفه Shogofa|Shukufa|Shekufeh
سحر Sahar
ریحانه Raihana|Reyhaneh|Rayhana
حمیده Hamida|Hamideh
راحله Rahila|Raheleh
تمنا Tamana|Tamanna
ثنا Sana
زرمینه Zarmina|Zarmeena
مهسا Mahsa
الهه Elaha|Elahe
بهار Bahar
مژگان Mozhgan|Muzhgan|Mojgan
نسرین Nasrin|Nasreen
هدیه Hadia|Hadiya|Hediyeh
پروانه Parwana|Parvaneh"""
AF_SURNAMES = """احمدی Ahmadi|Ahmady
محمدی Mohammadi|Muhammadi|Mohamadi|Mohamady
حسینی Hosseini|Hussaini|Husseini|Hussainy
رحیمی Rahimi|Rahimy
کریمی Karimi|Karimy
رضایی Rezaei|Rezaie|Rezayee|Rezai
هاشمی Hashimi|Hashemi
سلطانی Sultani|Soltani
امیری Amiri|Amiry
عزیزی Azizi|Azizy
جعفری Jafari|Jafary|Jaafari
حبیبی Habibi|Habiby
حیدری Haidari|Heydari|Haydari
نوری Noori|Nouri|Nuri
سادات Sadat|Saadat
حکیمی Hakimi|Hakimy
رحمانی Rahmani|Rahmany
ناصری Naseri|Nasiri
صمدی Samadi|Samady
رسولی Rasuli|Rasooli|Rasouli
قادری Qaderi|Ghaderi|Qadiri
نظری Nazari|Nazary
اکبری Akbari|Akbary
صافی Safi|Safey
احمدزی Ahmadzai|Ahmadzay|Ahmadzei
پوپل Popal|Popalzai
ستانکزی Stanikzai|Stanekzai|Stanekzay
وردک Wardak|Wardag
شیرزاد Sherzad|Shirzad
محمدزی Mohammadzai|Muhammadzai
یوسفزی Yousafzai|Yusufzai|Yousufzai
بارکزی Barakzai|Barakzay
درانی Durrani|Durani
الکوزی Alokozay|Alkozai|Alikozai
صدیقی Sediqi|Siddiqi|Sedighi
غفوری Ghafoori|Ghafori|Ghafuri
میرزایی Mirzaei|Mirzaie|Mirzai
شریفی Sharifi|Sharify
ساهک Sahak
نیازی Niazi|Niazy
منگل Mangal
ځدراڼ Zadran|Zadrán
خان Khan
جلالی Jalali|Jalaly
کاکړ Kakar|Kakkar
حمیدی Hamidi|Hamidy
نبی‌زاده Nabizada|Nabizadeh
محسنی Mohseni|Muhseni
فیضی Faizi|Faizy|Feizi
ابراهیمی Ebrahimi|Ibrahimi
علیزاده Alizada|Alizadeh|Alizade
حسین‌زاده Hussainzada|Hosseinzadeh
مجددی Mujadidi|Mojadedi
عثمانی Osmani|Usmani
وحیدی Wahidi|Vahidi
مومند Momand|Mohmand
شینواری Shinwari|Shinwary
آفریدی Afridi|Afridy
توخی Tokhi|Tokhy
هوتک Hotak|Hotaki
امینی Amini|Aminy
راسخ Rasekh|Rasikh
نادری Naderi|Nadiri
یعقوبی Yaqubi|Yaghoubi|Yakubi
سروری Sarwari|Sarvari
قربانی Qurbani|Ghorbani|Qorbani
یوسفی Yousufi|Yousefi|Yusufi
عطایی Atayee|Ataei|Atai
کوهستانی Kohistani|Kuhistani
پنجشیری Panjshiri|Panjsheri
بلخی Balkhi|Balkhy
هروی Herawi|Heravi|Harawi"""

# ---- Tigrinya: Ge'ez script, then Latin spellings (Eritrean and Ethiopian documents) ----------------------
TI_GIVEN_MALE = """ሰለሞን Solomon|Selomon|Salomon
ዳኒኤል Daniel|Danel
ዮናስ Yonas|Jonas|Yonass
ሚካኤል Mikael|Michael|Mikiel
ዮሃንስ Yohannes|Yohanes|Johannes
ሰመረ Semere|Semre
ሄኖክ Henok|Henock|Enoch
ፍሊሞን Filmon|Filimon|Philemon
ኣማኑኤል Amanuel|Emanuel|Amanueal
ብንያም Biniam|Biniyam|Binyam
ናሆም Nahom|Nahum
ሮቤል Robel|Robiel
ኤርምያስ Ermias|Eremias|Ermiyas
ተስፋይ Tesfay|Tesfai|Tesfaye
ሙሴ Musie|Muse|Mussie
ሳሙኤል Samuel|Samiel
ኣብርሃም Abraham|Abrham|Abreham
ዳዊት Dawit|Dawid
ኪዳነ Kidane|Kidana
መሓሪ Mehari|Mihari|Mehary
ሓጎስ Hagos|Haggos
ኣሮን Aron|Aaron
ያፌት Yafet|Japhet
ሃብቶም Habtom|Habtum
ዮሴፍ Yosef|Yosief|Josef
ግርማይ Girmay|Girmai|Germay
ተኽለ Tekle|Tekley|Teklay
ሃይለ Haile|Hayle|Haileh
ብርሃነ Berhane|Birhane|Brhane
ተወልደ Tewelde|Tewolde|Teweldebrhan
ዘርኣይ Zerai|Zeray|Zerei
ኣስመሮም Asmerom|Asmerum
ኤልያስ Elias|Eliyas|Elyas
ክብሮም Kibrom|Kbrom|Kebrom
መብራህቱ Mebrahtu|Mebrahtom
ኢሳያስ Isaias|Isayas|Esayas
ሳምሶን Samson|Semson
ናትናኤል Natnael|Nathnael|Natanael
ፋኑኤል Fanuel|Phanuel
ኣቤል Abel|Abiel
ኣክሊሉ Aklilu|Akililu
ሰናይ Senay|Senai
ጎይትኦም Goitom|Goytom|Goitum
ኣማን Aman|Amman
ሙሉጌታ Mulugeta|Mulugieta
ኣፈወርቂ Afewerki|Afeworki|Afwerki
ወልዱ Woldu|Weldu
ሚኪኤለ Mikiele|Mikele
ኣወት Awet|Awot
ሩፋኤል Rufael|Rophael"""
TI_GIVEN_FEMALE = """ሰላም Selam|Salam
ሳባ Saba|Sabaa
ሉዋም Luwam|Luam|Lwam
ፍዮሪ Fiori|Fyori|Fiyori
ሄለን Helen|Hellen
ሰምሃር Semhar|Samhar
ዮርዳኖስ Yordanos|Jordanos
ሩታ Ruta|Rutha
ሊያ Lia|Liya|Leah
ትርሓስ Tirhas|Terhas|Trhas
ኣስቴር Aster|Ester|Astier
ሳራ Sara|Sarah
ሃና Hana|Hanna
ኤልሳ Elsa|Elssa
ሜሮን Meron|Merron
ቤተልሄም Betelhem|Bethlehem|Betlehem
ሰናይት Senait|Senayt|Senaid
ለተብርሃን Letebrhan|Letebirhan|Lettebrhan
ኣብረኸት Abrehet|Abriehet|Abrehat
ሊድያ Lidia|Lydia|Lidya
ማርታ Marta|Martha
ማርያም Mariam|Maryam|Mariyam
ፍረወይኒ Freweini|Frewoini|Frewayni
ብርኽቲ Birikti|Brikti|Berekti
ኣክበረት Akberet|Akbaret
ሶፍያ Sofia|Sophia
ሳሮን Saron|Sharon
ናርዶስ Nardos|Nardoss
ኤደን Eden|Edan
ዮዲት Yodit|Judith|Yodith
ሰላማዊት Selamawit|Selamawyt
ለምለም Lemlem|Lamlam
ሓርነት Harnet|Hharnet
ወይኒ Weyni|Weini|Woyni
ትምኒት Timnit|Temnit|Tmnit
ኣዜብ Azeb|Azieb
ኤፍራታ Efrata|Ephrata
ሄራን Heran|Hiran
ሳምራዊት Samrawit|Samerawit
ሮማን Roman|Romhan
ዮሃና Yohana|Johanna
ፀጋ Tsega|Tsegga|Sega
ፅዮን Tsion|Zion|Tsiyon
ሜላት Melat|Mellat
ቅድስቲ Kidisti|Kdusti|Kidist
ሚልኪ Milki|Milky
ኣዶና Adona|Adonna
ብሩክ Bruk|Biruk
ሃጀር Hajer|Hagar
ዳናይት Danait|Danayt"""
# father's and grandfather's given names, as they stand in the family-name field
TI_SURNAMES = """ተስፋይ Tesfay|Tesfai|Tesfaye
ሃይለ Haile|Hayle
ገብረመድህን Gebremedhin|Ghebremedhin|Gebremedin
ገብረሂወት Gebrehiwet|Ghebrehiwet|Gebrehiwot
ገብረሚካኤል Gebremichael|Ghebremichael|Gebremikael
ገብረትንሳኤ Gebretinsae|Ghebretensae
ገብረየሱስ Gebreyesus|Ghebreyesus
ገብረእግዚኣብሄር Gebreegziabher|Ghebreegziabiher
ተስፋማርያም Tesfamariam|Tesfamariyam|Tesfamaryam
ተስፋልደት Tesfaldet|Tesfalidet
ሃይለማርያም Hailemariam|Haylemariam
ወልደማርያም Woldemariam|Weldemariam|Woldemaryam
ኣንደማርያም Andemariam|Andemaryam
ንጉሰ Negusse|Negusie|Nigusse
ሃብተ Habte|Habtey
ፀጋይ Tsegay|Tsegai|Tsegaye
ካሕሳይ Kahsay|Kahsai
ኣብራሃ Abraha|Abrha
ገብሩ Gebru|Gebrou|Ghebru
ነጋሽ Negash|Nigash
በረከት Bereket|Berekhet
ተኽለ Tekle|Teklay
ብርሃነ Berhane|Birhane|Brhane
ኪዳነ Kidane|Kidana
መሓሪ Mehari|Mihari
ሓጎስ Hagos|Haggos
ሃብቶም Habtom|Habtum
ግርማይ Girmay|Girmai
ተወልደ Tewelde|Tewolde
ዘርኣይ Zerai|Zeray
ኣስመሮም Asmerom|Asmerum
መብራህቱ Mebrahtu|Mebrahtom
ወልዱ Woldu|Weldu
ኣፈወርቂ Afewerki|Afeworki|Afwerki
ሙሉጌታ Mulugeta|Mulugieta
ዮሃንስ Yohannes|Yohanes
ሰለሞን Solomon|Selomon
ዮውሃንስ Yowhannes|Yohannes
ኣማኑኤል Amanuel|Emanuel
ዳዊት Dawit|Dawid
ዮናስ Yonas|Jonas
ተክለሃይማኖት Teklehaimanot|Teklehaymanot
ወልደሚካኤል Woldemichael|Weldemichael|Woldemikael
ገብረስላሴ Gebreselassie|Gebrselassie|Ghebreselassie
ዓንደብርሃን Andebrhan|Andebirhan
ኢሳቕ Isaac|Isak|Yisak
ፍስሃየ Fishaye|Fshaye|Fisehaye
ሩፋኤል Rufael|Rophael
ተመስገን Temesgen|Temesghen
ኣርኣያ Araya|Araia
ሃብተማርያም Habtemariam|Habtemaryam
ዓብደላ Abdela|Abdella
ስዩም Siyum|Seyoum|Sium
ጎይትኦም Goitom|Goytom
ሰመረ Semere|Semre
ዘካርያስ Zekarias|Zecharias
ኢዮብ Iyob|Eyob|Job
ኣብርሃም Abraham|Abrham"""
