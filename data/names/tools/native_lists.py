"""Name lists of the ten countries, most frequent first (facts from public name statistics, compiled by hand).

Children's given names follow newborn statistics of roughly 2006-2024; adults' given names those of people
born roughly 1970-1995; surnames the whole population. Weights are derived from rank in build_names.py
unless a token carries an explicit approximate count as Name=count.
"""

SE = dict(
    source="Statistics Sweden (SCB) name statistics: newborns' first names and surnames of the population",
    given_male="""William Lucas Liam Oscar Elias Hugo Alexander Noah Oliver Adam Vincent Charlie Leo Axel Ludvig Filip
Theo Elton Alfred Nils Isak Viktor Emil Arvid Olle Melvin Gustav Erik Anton Sixten Malte Albin Edvin Valter
Harry Jack Frans Love Sam Leon Leonard Ebbe Otto Wilmer Kevin Loke Josef Casper Max Jacob Hampus Linus Simon
Carl Gabriel Benjamin Melker August Elliot Matteo Henry Daniel David Jonathan Felix Rasmus Samuel Sebastian
Alvin Vilgot Colin Milo Julian Tage Ivar Folke Holger Svante Ville Ture Mio Aron Adrian Noel Dante Joel Vidar
Hjalmar Måns Tim Neo Viggo Maximilian Edward Karl Johan Malcolm Kian Julius Thor Isac Marcus Lukas""",
    given_female="""Alice Maja Elsa Wilma Ella Ebba Alva Olivia Saga Astrid Vera Selma Alma Agnes Freja Stella Signe Elvira
Ellen Clara Nellie Lilly Tyra Moa Linnea Emma Julia Ida Hanna Matilda Elin Klara Felicia Lova Thea Emilia
Isabelle Edith Molly Nova Iris Juni Sigrid Ines Luna Hedvig Elise Livia Ester Majken Sofia Amanda Ronja Lovisa
Nora Mira Tilde Meja Tindra Minna Lo Liv Sara Cornelia Tilda Ellie Doris Edla Hilma Greta Svea Ingrid Ellinor
My Isabella Linn Emelie Alexandra Vilda Hilda Maria Elisabeth Anna Sofie Victoria Johanna Märta Leah Juli
Emmy Elina Joline Mollie Novalie Ellen-Rose Ebba-Li""",
    adult_male="""Johan Andreas Daniel Fredrik Marcus Mattias Erik Anders Martin Niklas Jonas Peter Magnus Mikael Alexander
Christoffer Henrik Robert Patrik Stefan Sebastian Tobias David Jonathan Joakim Emil Viktor Anton Oskar Simon
Thomas Per Lars Karl Jimmy Tommy Dennis Kristoffer Rickard Mats Lars-Erik Per-Olof""",
    adult_female="""Maria Anna Sara Emma Johanna Linda Jenny Sofia Karin Malin Elin Jessica Camilla Frida Emelie Therese Lisa
Hanna Ida Caroline Sandra Julia Matilda Amanda Josefin Cecilia Helena Louise Jennie Madeleine Petra Sanna
Annika Kristina Lina Erika Ulrika Anna-Karin Eva-Lena Ann-Sofie""",
    surname="""Andersson=224 Johansson=223 Karlsson=200 Nilsson=156 Eriksson=140 Larsson=110 Olsson=103 Persson=94
Svensson=90 Gustafsson=86 Pettersson=84 Jonsson=67 Jansson=45 Hansson=39 Bengtsson=32 Jönsson=30 Lindberg=27
Jakobsson=26 Magnusson=25 Olofsson=25 Lindström=25 Lindqvist=23 Lindgren=23 Berg=22 Axelsson=22 Bergström=22
Lundberg=21 Lind=21 Lundgren=21 Lundqvist=20 Mattsson=20 Berglund=19 Fredriksson=18 Sandberg=18
Henriksson=18 Forsberg=17 Sjöberg=17 Wallin=16 Engström=16 Eklund=16 Danielsson=16 Lundin=15 Håkansson=15
Björk=15 Bergman=14 Gunnarsson=14 Holm=14 Wikström=14 Samuelsson=14 Isaksson=14 Fransson=14 Bergqvist=14
Nyström=14 Holmberg=13 Arvidsson=13 Löfgren=13 Söderberg=13 Nyberg=13 Blomqvist=13 Claesson=13
Nordström=12 Mårtensson=12 Lundström=12 Viklund=12 Björklund=12 Eliasson=12 Pålsson=12 Berggren=12
Sandström=11 Lund=11 Nordin=11 Ström=11 Åberg=11 Hermansson=11 Ekström=11 Holmgren=11 Sundberg=11 Hedlund=11
Dahlberg=11 Hellström=10 Sjögren=10 Abrahamsson=10 Falk=10 Martinsson=10 Öberg=10 Andreasson=10
Strömberg=10 Månsson=10 Åkesson=9 Hansen=9 Norberg=9 Lindholm=9 Dahl=9 Jonasson=9 Åström=9 Sundqvist=9 Ek=9
Johnsson=9 Göransson=9 Ivarsson=9 Nyman=8 Lindell=8 Söderström=8 Holmqvist=8 Strand=8 Jacobsson=8
Nordqvist=8 Sundström=8 Lindahl=8 Björkman=8 Backman=8 Wiklund=7 Engberg=7 Borg=7 Ekberg=7 Blom=7
Sjöström=7 Ottosson=7 Hedström=7 Forsman=7 Sundin=7 Ekman=7 Malmberg=7 Lindblom=7 Hedberg=7 Lindh=7
Nordlund=7 Vikström=6 Östlund=6 Stenberg=6 Olausson=6 Augustsson=6 Ekdahl=6 Palm=6 Lindkvist=6 Wallén=6""",
)

NO = dict(
    source="Statistics Norway (SSB) name statistics: newborns' first names and surnames of the population",
    given_male="""Jakob Emil Noah Oliver Filip William Lucas Liam Henrik Oskar Aksel Theodor Elias Kasper Magnus Johannes
Isak Mathias Tobias Olav Sander Jonas Ludvig Benjamin Leon Even Sebastian Adrian Alexander Kristian Markus
Martin Mikkel Nikolai Ole Sondre Thomas Andreas Daniel Eirik Erik Håkon Vetle Sverre Brage Torstein Peder
Jens Lars Amund Eskil Fredrik Gustav Halvor Iver Ivar Jørgen Kristoffer Mats Sigurd Sindre Storm Vegard
Viljar Ulrik Odin Trygve Ask Elliot Leo Alfred Jacob Herman Felix Samuel Theo Birk Eivind Edvard August
Bjørn Oscar Casper Julian Aron Håvard Simen Marius Vilmer Syver Ola Tiago Matheo Ludvig Jon Petter
Ole-Martin Per-Kristian""",
    given_female="""Nora Emma Sara Sofie Olivia Maja Ingrid Emilie Leah Ella Frida Sofia Ida Thea Julie Hanna Vilde Amalie
Astrid Tiril Linnea Maria Selma Aurora Eva Hedda Mathilde Anna Iben Live Mia Jenny Ada Alma Andrea Marte
Tuva Oda Sigrid Kaja Helene Malin Karoline Marie Mille Ragnhild Solveig Signe Sunniva Synne Tonje Victoria
Eline Frøya Agnes Isabella Ellinor Lea Lilly Ronja Saga Hedvig Ylva Ingeborg Guro Kristine Silje Martine
Celine Eirin Marthe Henriette Pernille Josefine Vilja Tilde Hermine Amanda Johanne Mathea Ella-Marie
Anne-Marie Emilia Luna Hennie Mina Ellie Maren""",
    adult_male="""Kristian Thomas Martin Andreas Marius Daniel Anders Kristoffer Jonas Espen Stian Lars Christian Morten
Erik Fredrik Eirik Magnus Ole Jan Per Hans Tor Bjørn Geir Trond Rune Kjetil Øyvind Håkon Jørgen Henrik Joakim
Tore Petter Sindre Vegard Alexander Jon Ole-Martin Jan-Erik""",
    adult_female="""Kristin Ingrid Silje Marianne Hanne Ida Ingvild Camilla Linn Anne Marte Kari Hilde Lene Tone Line
Elisabeth Maria Maren Kine Tonje Julie Karoline Mona Heidi Ragnhild Randi Siri Nina Guro Martine Anette Lise
Kristine Eli Mari Hege Anne-Lise Ann-Kristin""",
    surname="""Hansen=50 Johansen=47 Olsen=46 Larsen=37 Andersen=36 Pedersen=35 Nilsen=34 Kristiansen=22 Jensen=21
Karlsen=19 Johnsen=18 Pettersen=17 Eriksen=16 Berg=15 Haugen=13 Hagen=13 Johannessen=12 Andreassen=11
Jacobsen=11 Dahl=10 Jørgensen=10 Halvorsen=10 Henriksen=10 Lund=10 Sørensen=9 Jakobsen=9 Moen=9 Gundersen=9
Iversen=8 Strand=8 Solberg=8 Svendsen=8 Eide=8 Knutsen=8 Martinsen=8 Paulsen=7 Bakken=7 Kristoffersen=7
Mathisen=7 Lie=7 Amundsen=6 Rasmussen=6 Lunde=6 Solheim=6 Berge=6 Moe=6 Nygård=6 Bakke=6 Kristensen=6
Fredriksen=6 Holm=6 Lien=6 Hauge=5 Christensen=5 Andresen=5 Nielsen=5 Knudsen=5 Evensen=5 Sæther=5 Aas=5
Myhre=5 Hanssen=5 Haugland=5 Thomassen=5 Sivertsen=5 Simonsen=5 Danielsen=5 Berntsen=5 Sandvik=4 Rønning=4
Arnesen=4 Antonsen=4 Næss=4 Haug=4 Ellingsen=4 Thorsen=4 Edvardsen=4 Birkeland=4 Isaksen=4 Gulbrandsen=4
Ruud=4 Aasen=4 Strøm=4 Myklebust=4 Tangen=4 Ødegård=4 Eliassen=4 Helland=4 Bøe=4 Jenssen=3 Aune=3
Mikkelsen=3 Tveit=3 Brekke=3 Abrahamsen=3 Madsen=3 Lorentzen=3 Nordby=3 Engen=3 Fjeld=3 Vik=3 Nordli=3
Sunde=3 Kvam=3 Bjerke=3 Wold=3 Løken=3 Dale=3 Viken=3 Tveiten=3 Skogen=3 Vold=3 Våge=3 Haraldsen=3
Nyhus=3 Stene=3 Haaland=3 Sletten=3 Ødegaard=3 Røed=3 Rustad=3 Fossum=3 Berntzen=3 Hovland=3 Sveen=3
Steen=3 Bråten=3 Rød=3 Lindberg=3""",
)

DK = dict(
    source="Statistics Denmark (Danmarks Statistik) name statistics: newborns' first names and surnames",
    given_male="""William Noah Oscar Lucas Victor Malthe Emil Frederik Oliver Magnus Carl Villads Alfred Valdemar Elias
Aksel Anton Mikkel August Christian Mathias Felix Alexander Sebastian Johan Marcus Jonas Tobias Rasmus
Nikolaj Liam Theo Arthur Otto Storm Bertram Asger Laurits Ludvig Konrad Karl Louie Lauge Hugo Albert
Benjamin Philip Johannes Kasper Mads Gustav Adam Elliot Milas Viggo Anker Aske Bastian Julius Silas Loke
Theodor Vincent Vitus Walter Frej Sigurd Esben Jakob Andreas Daniel Simon Sander Oskar Jeppe Rune Thor
Vilhelm Erik Hans Peter Lukas Jacob Nicklas Patrick Axel Mathias Niels Kristian Søren""",
    given_female="""Ida Emma Alma Ella Sofia Freja Josefine Clara Anna Laura Karla Alberte Agnes Olivia Ellen Frida Lærke
Isabella Mathilde Luna Maja Nora Asta Ingrid Lily Marie Lea Sofie Emilie Caroline Signe Cecilie Julie Liva
Vigga Esther Molly Astrid Filippa Olga Vilma Alba Merle Leonora Sigrid Thea Silje Rosa Malou Andrea Victoria
Amalie Mille Sara Nanna Maria Katrine Louise Ditte Johanne Tilde Isabel Saga Hannah Elvira Liv Ronja Vilja
Selma Ellie Eva Gry Naja Kamma Dagmar Anne-Sofie Marie-Louise Emma-Sofie Anna-Sofie Sille Lucia Aya
Mynte Hailey Ellinor""",
    adult_male="""Martin Thomas Michael Christian Jesper Anders Rasmus Jacob Mads Kasper Søren Henrik Peter Jens Lars
Morten Jan Nikolaj Kim Brian Dennis Jonas Simon Daniel Andreas Mikkel Kristian Niels Frederik Jakob Ole
Allan Bo René Claus Torben Steffen Troels Jeppe Hans-Henrik""",
    adult_female="""Anne Mette Louise Camilla Maria Line Marie Julie Sarah Stine Christina Katrine Maja Cecilie Trine Sofie
Susanne Lene Pia Tina Hanne Rikke Helle Charlotte Anna Pernille Mia Emilie Nanna Signe Ditte Laura Sara
Anne-Marie Marianne Kristina Lotte Malene Tanja Anne-Mette""",
    surname="""Nielsen=235 Jensen=234 Hansen=200 Andersen=160 Pedersen=155 Christensen=110 Larsen=108 Sørensen=100
Rasmussen=88 Jørgensen=82 Petersen=70 Madsen=60 Kristensen=59 Olsen=46 Thomsen=38 Christiansen=35
Poulsen=31 Johansen=30 Møller=29 Mortensen=28 Knudsen=20 Jakobsen=20 Jacobsen=18 Mikkelsen=17 Olesen=17
Frederiksen=17 Laursen=16 Henriksen=16 Lund=15 Holm=14 Schmidt=14 Eriksen=13 Kristiansen=13 Clausen=13
Simonsen=12 Svendsen=12 Andreasen=11 Iversen=11 Jeppesen=10 Mogensen=10 Jespersen=10 Nissen=10
Lauridsen=10 Frandsen=9 Østergaard=9 Jepsen=9 Kjær=9 Carlsen=8 Vestergaard=8 Jessen=8 Nørgaard=8 Dahl=8
Christoffersen=8 Skov=8 Søndergaard=8 Bertelsen=7 Bruun=7 Lassen=7 Bach=7 Gregersen=7 Friis=7
Johannsen=7 Pallesen=7 Berg=6 Kjeldsen=6 Hedegaard=6 Thygesen=6 Koch=6 Steffensen=6 Winther=6 Lind=6
Kristoffersen=5 Mathiasen=5 Brandt=5 Bak=5 Klausen=5 Bang=5 Juhl=5 Holst=5 Krogh=5 Enevoldsen=5 Toft=5
Schou=5 Villadsen=5 Dam=4 Riis=4 Hjorth=4 Nygaard=4 Damgaard=4 Bundgaard=4 Overgaard=4 Kirkegaard=4
Storm=4 Fisker=4 Lorentzen=4 Thorsen=4 Esbensen=4 Søgaard=4 Ravn=4 Aagaard=4 Vinther=4 Karlsen=4 Ibsen=3
Birk=3 Lykke=3 Bech=3 Dalgaard=3 Munk=3 Hald=3 Kragh=3 Mølgaard=3 Buch=3 Hvid=3 Lyng=3 Kirk=3
Markussen=3 Nilsson=3 Rask=3 Høj=3 Emborg=3""",
)

FI = dict(
    source="Digital and Population Data Services Agency (DVV, Finland) name service: first names and surnames",
    given_male="""Eino Väinö Leo Elias Oliver Onni Eeli Aatos Niilo Toivo Leevi Veeti Vilho Emil Hugo Oiva Lenni Eetu
Aaro Valtteri Joona Aleksi Juho Lauri Otto Oskari Eemeli Santeri Elmo Matias Mikael Daniel Samuel Benjamin
Jooa Nooa Lukas Rasmus Aapo Akseli Alvar Arttu Konsta Topias Jesse Ville Sisu Viljami Kasper Julius Eemil
Tuomas Antti Jere Joel Aleksanteri Severi Veikko Urho Kalle Miro Niko Samu Otso Iivari Armas Hermanni Kaapo
Unto Vili Peetu Tuukka Roope Henrik Johannes Olavi Juhani Tapani Ilmari Antero Kalevi Patrik Onni-Pekka""",
    given_female="""Aino Eevi Olivia Aada Sofia Helmi Emma Lilja Ella Isla Venla Pihla Aava Lumi Hilla Enni Aurora Emilia
Elsa Iida Siiri Ilona Kerttu Vilma Sara Linnea Alma Nella Lotta Oona Luna Ellen Saana Viola Milla Aliisa
Amanda Anni Ronja Veera Iiris Matilda Emmi Jenna Julia Elli Nea Peppi Selma Stella Alisa Vilja Sanni Elina
Maria Anna Kaisla Hertta Helka Ada Adele Minttu Aune Aili Martta Eveliina Josefiina Katariina Johanna
Kristiina Elisabet Annikki Marjatta Orvokki Tuulia Inkeri Kukka Isabella Mette Emilia-Sofia""",
    adult_male="""Mikko Juha Timo Matti Jari Antti Jukka Janne Sami Petri Mika Marko Ville Tuomas Teemu Jussi Lauri Tommi
Pekka Heikki Joni Tero Kimmo Jani Markus Olli Aleksi Juho Joonas Pasi Harri Toni Kalle Jarkko Jaakko Ari Tomi
Henri Simo Riku""",
    adult_female="""Anna Johanna Laura Maria Elina Katja Sanna Hanna Heidi Minna Jenni Tiina Anu Kaisa Emilia Riikka Satu
Sari Mari Susanna Niina Anne Päivi Jaana Piia Essi Noora Henna Suvi Krista Kati Salla Outi Milla Kirsi Heli
Paula Annika Eveliina Anna-Maria""",
    surname="""Korhonen=23 Virtanen=23 Mäkinen=21 Nieminen=21 Mäkelä=20 Hämäläinen=19 Laine=19 Heikkinen=18
Koskinen=18 Järvinen=17 Lehtonen=17 Lehtinen=17 Saarinen=16 Salminen=16 Heinonen=15 Niemi=15 Heikkilä=15
Kinnunen=14 Salonen=14 Turunen=14 Salo=14 Laitinen=13 Tuominen=13 Rantanen=13 Karjalainen=13 Jokinen=13
Mattila=12 Savolainen=12 Lahtinen=12 Ahonen=12 Hiltunen=11 Leinonen=11 Hirvonen=11 Miettinen=11
Pitkänen=11 Kallio=11 Lappalainen=11 Mustonen=11 Väisänen=10 Hakala=10 Aaltonen=10 Anttila=10 Oksanen=10
Ojala=10 Nurmi=10 Räsänen=9 Peltonen=9 Toivonen=9 Manninen=9 Kettunen=9 Koivisto=9 Rinne=9 Laaksonen=9
Partanen=9 Johansson=9 Hyvönen=8 Seppälä=8 Kärkkäinen=8 Karvonen=8 Jääskeläinen=8 Koskela=8 Huttunen=8
Honkanen=8 Kauppinen=8 Kemppainen=8 Ikonen=8 Mäki=8 Rautio=8 Lindholm=8 Moilanen=7 Pelkonen=7 Vainio=7
Tikkanen=7 Ketola=7 Vuorinen=7 Pulkkinen=7 Halonen=7 Ahola=7 Heino=7 Korpela=7 Aalto=7 Saari=7 Harju=6
Lindroos=6 Nyman=6 Kivelä=6 Lahti=6 Rissanen=6 Nurminen=6 Vesterinen=6 Jokela=6 Parviainen=6 Hänninen=6
Hietala=6 Heiskanen=6 Kokkonen=6 Holmström=5 Ruotsalainen=5 Tanskanen=5 Lindfors=5 Sjöblom=5 Backman=5
Eriksson=5 Karlsson=5 Andersson=5 Lindqvist=5 Lehto=5 Söderholm=5 Kurki=5 Hovi=5 Nyström=5 Lindström=5
Mikkola=5 Kiiskinen=5 Väänänen=5 Suominen=5 Markkanen=5""",
)

IS = dict(
    source="Statistics Iceland (Hagstofa Íslands) name statistics; genitives as used in patronymics",
    given_male="""Aron/Arons Alexander/Alexanders Viktor/Viktors Kári/Kára Jón/Jóns Guðmundur/Guðmunds
Sigurður/Sigurðs Einar/Einars Gunnar/Gunnars Ólafur/Ólafs Stefán/Stefáns Kristján/Kristjáns Jökull/Jökuls
Óliver/Ólivers Mikael/Mikaels Benedikt/Benedikts Emil/Emils Daníel/Daníels Elías/Elías Ísak/Ísaks
Matthías/Matthías Tómas/Tómas Arnar/Arnars Birkir/Birkis Baldur/Baldurs Dagur/Dags Atli/Atla
Brynjar/Brynjars Hilmar/Hilmars Magnús/Magnús Bjarki/Bjarka Andri/Andra Sindri/Sindra Snorri/Snorra
Logi/Loga Hrafn/Hrafns Úlfur/Úlfs Sölvi/Sölva Orri/Orra Breki/Breka Kristófer/Kristófers Theódór/Theódórs
Benjamín/Benjamíns Gabríel/Gabríels Anton/Antons Jóhann/Jóhanns Haraldur/Haralds Ari/Ara Egill/Egils
Hugi/Huga Fannar/Fannars Ívar/Ívars Styrmir/Styrmis Frosti/Frosta Hlynur/Hlyns Jakob/Jakobs Hafþór/Hafþórs
Óskar/Óskars Róbert/Róberts Davíð/Davíðs Bjarni/Bjarna Helgi/Helga Björn/Björns Páll/Páls Ágúst/Ágústs
Ragnar/Ragnars Arnór/Arnórs Aðalsteinn/Aðalsteins Þór/Þórs Þórir/Þóris Hörður/Harðar Þorsteinn/Þorsteins
Halldór/Halldórs Eiður/Eiðs Leó/Leós Kjartan/Kjartans Finnur/Finns Hákon/Hákonar Elmar/Elmars
Tristan/Tristans Máni/Mána Matthías/Matthías Ísar/Ísars Bjartur/Bjarts Sæþór/Sæþórs """,
    given_female="""Anna/Önnu Emilía/Emilíu Sara/Söru Katrín/Katrínar Kristín/Kristínar Eva/Evu Embla/Emblu Saga/Sögu
Hekla/Heklu Freyja/Freyju Sóley/Sóleyjar Ísabella/Ísabellu Bríet/Bríetar Hildur/Hildar Birta/Birtu
Aníta/Anítu Elísabet/Elísabetar Matthildur/Matthildar Ásdís/Ásdísar Thelma/Thelmu Andrea/Andreu
Selma/Selmu Sunna/Sunnu Lilja/Lilju Viktoría/Viktoríu Emma/Emmu Erla/Erlu Ylfa/Ylfu Karítas/Karítasar
Rakel/Rakelar Salka/Sölku Iðunn/Iðunnar Aþena/Aþenu Ronja/Ronju Hrafnhildur/Hrafnhildar Tinna/Tinnu Ída/Ídu
Margrét/Margrétar Helga/Helgu Júlía/Júlíu Álfheiður/Álfheiðar Ísold/Ísoldar Kolbrún/Kolbrúnar Diljá/Diljár
Katla/Kötlu Vigdís/Vigdísar Eydís/Eydísar Auður/Auðar Una/Unu Védís/Védísar Elín/Elínar Steinunn/Steinunnar
Þórunn/Þórunnar Ragnheiður/Ragnheiðar Sigrún/Sigrúnar Ingibjörg/Ingibjargar Jóhanna/Jóhönnu Harpa/Hörpu
Berglind/Berglindar Brynja/Brynju Dagný/Dagnýjar Arna/Örnu Birna/Birnu Edda/Eddu Hulda/Huldu Agnes/Agnesar
Alexandra/Alexöndru Klara/Klöru Hanna/Hönnu Lena/Lenu Mía/Míu Elva/Elvu Eyrún/Eyrúnar Ásta/Ástu
Bergdís/Bergdísar Eik/Eikar Urður/Urðar María/Maríu Guðrún/Guðrúnar Sigríður/Sigríðar """,
    adult_male="""Jón/Jóns Sigurður/Sigurðs Guðmundur/Guðmunds Gunnar/Gunnars Ólafur/Ólafs Einar/Einars Magnús/Magnús
Kristján/Kristjáns Stefán/Stefáns Jóhann/Jóhanns Björn/Björns Árni/Árna Bjarni/Bjarna Helgi/Helga
Halldór/Halldórs Ragnar/Ragnars Kristinn/Kristins Páll/Páls Þórður/Þórðar Karl/Karls Haraldur/Haralds
Hörður/Harðar Davíð/Davíðs Pétur/Péturs Arnar/Arnars Sveinn/Sveins Óskar/Óskars Gísli/Gísla Birgir/Birgis
Ásgeir/Ásgeirs Hannes/Hannes Tómas/Tómas Friðrik/Friðriks Þorsteinn/Þorsteins Baldur/Baldurs
Hilmar/Hilmars Hermann/Hermanns Ingólfur/Ingólfs Jónas/Jónas Sigurjón/Sigurjóns Egill/Egils Atli/Atla
Snorri/Snorra Ari/Ara""",
    adult_female="""Guðrún/Guðrúnar Anna/Önnu Sigríður/Sigríðar Kristín/Kristínar Margrét/Margrétar Helga/Helgu
Sigrún/Sigrúnar Ingibjörg/Ingibjargar Jóhanna/Jóhönnu María/Maríu Katrín/Katrínar Elín/Elínar Hildur/Hildar
Ragnheiður/Ragnheiðar Þórunn/Þórunnar Steinunn/Steinunnar Ásta/Ástu Berglind/Berglindar Erla/Erlu
Halldóra/Halldóru Guðný/Guðnýjar Hrafnhildur/Hrafnhildar Arna/Örnu Sara/Söru Eva/Evu Harpa/Hörpu
Linda/Lindu Birna/Birnu Edda/Eddu Hulda/Huldu Kolbrún/Kolbrúnar Dagný/Dagnýjar Auður/Auðar
Bryndís/Bryndísar Rakel/Rakelar Ragnhildur/Ragnhildar Hanna/Hönnu Lilja/Lilju Unnur/Unnar Ólöf/Ólafar
Valgerður/Valgerðar Þóra/Þóru Jóna/Jónu Svava/Svövu Sólveig/Sólveigar""",
    surname="""Thors Hafstein Blöndal Thorarensen Briem Zoëga Thoroddsen Kvaran Nordal Hansen Olsen Jensen Petersen
Möller Bergmann Thorlacius Proppé Snævarr Norðdahl Fjeldsted Beck Kjarval Stephensen Hjaltested Waage Arnalds
Fenger Zimsen Schram Bachmann Líndal Sandholt Scheving Breiðfjörð Norðfjörð Hólm Melsteð Laxdal Eyfjörð
Kolbeins Vídalín Welding Thorberg Möller Hall Andersen """,
)

DE = dict(
    source="Gesellschaft für deutsche Sprache (GfdS) newborn first-name lists; surname frequencies from "
           "telephone-directory counts",
    given_male="""Ben Paul Leon Finn Noah Elias Luis Jonas Felix Luca Lukas Maximilian Henry Emil Liam Theo Matteo Anton
Jakob Leo Moritz Julian Tim Niklas David Oskar Alexander Philipp Samuel Mats Jan Tom Erik Nico Fabian Linus
Karl Milan Max Vincent Benjamin Hannes Johannes Simon Jonathan Leonard Mattis Lennard Lennox Mika Aaron
Rafael Till Ole Adrian Carl Konstantin Frederik Levi Jannik Lasse Tobias Florian Marlon Luke Joshua
Sebastian Dominik Daniel Fynn Jona Colin Justus Lian Emilio Bruno Michael Leonhard Malte Hugo Valentin Joel
Kilian Gabriel Arthur Piet Ludwig Kian Jan-Luca Jan-Niklas Jan-Philipp Louis Julius Friedrich Lio""",
    given_female="""Mia Emma Hannah Sophia Emilia Lina Marie Mila Lea Ella Clara Leni Anna Lena Lia Leonie Amelie Lara Luisa
Johanna Laura Sophie Charlotte Ida Frieda Maja Lilly Nele Paula Sarah Mathilda Emily Pia Lotta Greta Alina
Julia Lisa Helena Victoria Luna Zoe Marlene Isabella Finja Jana Katharina Antonia Melina Carla Romy Theresa
Elisa Stella Tilda Merle Annika Jule Josephine Nora Luise Malia Elena Helene Mira Ronja Anni Franziska
Selina Vanessa Celina Michelle Jasmin Jolina Lotte Paulina Maria Magdalena Elisabeth Rosa Anna-Lena
Marie-Sophie Lea-Sophie Lina-Marie Mia-Sophie Emma-Sophie Sofia Hanna Matilda Fiona""",
    adult_male="""Michael Christian Stefan Andreas Thomas Daniel Sebastian Tobias Markus Alexander Florian Jan Dennis
Patrick Martin Philipp Matthias Sven Marcel Tim Benjamin Oliver Kevin Dominik Marco Jens Frank Carsten Timo
Björn Maximilian Christoph Simon David Torsten Mario Dirk Peter Karsten Jörg Jan-Hendrik""",
    adult_female="""Julia Katharina Sarah Anna Laura Christina Sandra Stefanie Nicole Melanie Jennifer Lisa Claudia Sabine
Andrea Nadine Kathrin Jessica Anja Susanne Tanja Daniela Nina Vanessa Maria Jana Franziska Carina Lena Anne
Christine Silke Katrin Janina Sina Kerstin Anke Ann-Kathrin Anna-Lena Eva""",
    surname="""Müller=256 Schmidt=190 Schneider=115 Fischer=98 Weber=86 Meyer=84 Wagner=79 Becker=75 Schulz=74
Hoffmann=71 Schäfer=61 Koch=59 Bauer=59 Richter=58 Klein=57 Wolf=53 Schröder=52 Neumann=50 Schwarz=49
Zimmermann=47 Braun=46 Krüger=45 Hofmann=45 Hartmann=44 Lange=43 Schmitt=43 Werner=42 Schmitz=41 Krause=41
Meier=40 Lehmann=39 Schmid=39 Schulze=38 Maier=38 Köhler=37 Herrmann=36 König=36 Walter=35 Mayer=35
Huber=34 Kaiser=34 Fuchs=33 Peters=33 Lang=33 Scholz=32 Möller=32 Weiß=32 Jung=32 Hahn=31 Schubert=31
Vogel=30 Friedrich=30 Keller=30 Günther=29 Frank=29 Berger=29 Winkler=28 Roth=28 Beck=28 Lorenz=28
Baumann=27 Franke=27 Albrecht=27 Schuster=26 Simon=26 Ludwig=26 Böhm=26 Winter=26 Kraus=26 Martin=25
Schumacher=25 Krämer=25 Vogt=25 Stein=24 Jäger=24 Otto=24 Sommer=24 Groß=24 Seidel=24 Heinrich=24
Brandt=23 Haas=23 Schreiber=23 Graf=23 Schulte=23 Dietrich=23 Ziegler=22 Kuhn=22 Kühn=22 Pohl=22 Engel=22
Horn=22 Busch=22 Bergmann=22 Thomas=21 Voigt=21 Sauer=21 Arnold=21 Wolff=21 Pfeiffer=21 Ernst=20 Frey=19
Haase=19 Brinkmann=19 Kraft=19 Lindner=19 Hübner=18 Seifert=18 Ebert=18 Hesse=18 Paul=18 Marx=17
Hoffmeister=14  Hinrichs=15 Jansen=17 Hansen=16 Petersen=16 Janssen=15 Kirchner=17
Thiel=17 Behrens=16 Kramer=16 Menzel=16 Beyer=16 Wendt=15 Bock=15 Schütz=15 Sander=15""",
)

PL = dict(
    source="Polish PESEL register name statistics (published by the Ministry of Digital Affairs): "
           "first names given to children and surnames in use",
    given_male="""Antoni Jan Jakub Aleksander Franciszek Szymon Filip Nikodem Stanisław Wojciech Mikołaj Kacper Adam Leon
Michał Marcel Igor Wiktor Piotr Ignacy Tymon Tymoteusz Maksymilian Bartosz Mateusz Dawid Kamil Oliwer Oskar
Krzysztof Hubert Tomasz Miłosz Julian Alan Gabriel Borys Natan Maciej Paweł Patryk Dominik Łukasz Karol
Krystian Kajetan Fabian Sebastian Daniel Tadeusz Józef Henryk Feliks Kazimierz Bruno Olaf Eryk Ksawery
Witold Konrad Błażej Damian Radosław Adrian Emil Cezary Jędrzej Gustaw Alex Leonard Tobiasz Grzegorz Rafał
Jacek Artur Jerzy Andrzej Ryszard Marek Bogdan Norbert Robert Oliwier Teodor Ludwik Roch""",
    given_female="""Zuzanna Julia Zofia Hanna Maja Lena Alicja Maria Oliwia Amelia Pola Laura Natalia Wiktoria Aleksandra
Antonina Nadia Gabriela Emilia Jagoda Helena Liliana Iga Michalina Anna Kornelia Martyna Milena Nikola Kinga
Karolina Weronika Magdalena Małgorzata Katarzyna Joanna Agata Dominika Klara Marcelina Matylda Ida Barbara
Łucja Stefania Lilianna Marta Paulina Patrycja Kalina Blanka Rozalia Otylia Tola Nela Nina Ewa Jadwiga
Justyna Kamila Klaudia Sara Teresa Dorota Lidia Ksenia Apolonia Adrianna Anastazja Liwia Jaśmina Róża
Aurelia Józefina Mia Elżbieta Agnieszka Urszula Krystyna Bogumiła Hania Oliwia Zofia""",
    adult_male="""Piotr Krzysztof Tomasz Paweł Marcin Michał Łukasz Grzegorz Mateusz Adam Marek Jakub Dariusz Maciej Rafał
Robert Kamil Jacek Andrzej Wojciech Mariusz Sebastian Damian Artur Daniel Sławomir Jarosław Przemysław
Bartosz Radosław Dawid Adrian Karol Szymon Patryk Krystian Arkadiusz Leszek Zbigniew Janusz""",
    adult_female="""Anna Katarzyna Magdalena Agnieszka Monika Joanna Aleksandra Małgorzata Ewa Marta Karolina Natalia
Justyna Paulina Dorota Barbara Beata Kamila Sylwia Agata Izabela Patrycja Martyna Weronika Emilia Dominika
Iwona Renata Marzena Edyta Ilona Anita Angelika Klaudia Julia Aneta Żaneta Urszula Elżbieta Sylwia""",
    surname="""Nowak=200 Kowalski=140 Wiśniewski=110 Wójcik=100 Kowalczyk=98 Kamiński=95 Lewandowski=93 Zieliński=91
Szymański=89 Woźniak=88 Dąbrowski=87 Kozłowski=76 Jankowski=68 Mazur=67 Wojciechowski=66 Kwiatkowski=66
Krawczyk=64 Kaczmarek=63 Piotrowski=62 Grabowski=60 Zając=57 Pawłowski=57 Michalski=56 Król=55
Wieczorek=52 Jabłoński=52 Wróbel=51 Nowakowski=51 Majewski=50 Olszewski=49 Stępień=48 Malinowski=48
Jaworski=48 Adamczyk=47 Dudek=47 Nowicki=46 Pawlak=46 Górski=45 Witkowski=45 Walczak=44 Sikora=44 Baran=44
Rutkowski=43 Michalak=43 Szewczyk=42 Ostrowski=42 Tomaszewski=42 Pietrzak=41 Zalewski=41 Wróblewski=41
Marciniak=40 Jasiński=39 Zawadzki=39 Bąk=39 Jakubowski=38 Sadowski=38 Duda=38 Włodarczyk=37 Wilk=37
Chmielewski=37 Borkowski=36 Sokołowski=36 Szczepański=36 Sawicki=35 Lis=35 Kucharski=35 Mazurek=34
Kubiak=34 Kalinowski=34 Wysocki=34 Maciejewski=33 Czarnecki=33 Kołodziej=33 Urbański=32 Kaczmarczyk=32
Sobczak=32 Konieczny=31 Głowacki=31 Zakrzewski=31 Krajewski=30 Krupa=30 Adamski=30 Laskowski=30
Ziółkowski=29 Gajewski=29 Szulc=29 Makowski=29 Czerwiński=29 Baranowski=28 Brzeziński=28 Przybylski=28
Szymczak=28 Kowalewski=27 Borowski=27 Błaszczyk=27 Andrzejewski=27 Wasilewski=27 Sikorski=26 Mróz=26
Kaźmierczak=26 Szczepaniak=26 Cieślak=26 Kołodziejczyk=25 Nowacki=25 Górecki=25 Wawrzyniak=25 Leśniak=24
Kaczor=24 Rogalski=24 Piątek=24 Kasprzak=23 Wilczyński=23 Tomczak=23 Stachowiak=22 Dziedzic=22 Żak=22
Kowal=22 Grzelak=21 Lewicki=21 Bielecki=21 Rybak=20 Olejnik=20 Pająk=20 Sowa=20 Biały=19 Wesoły=12
Grodzki=9 Brodzki=6 Radecki=12 Gołębiowski=15 Wrona=15 Kozieł=14""",
)

EE = dict(
    source="Statistics Estonia (Statistikaamet) name statistics: newborns' first names and surnames",
    given_male="""Robin Rasmus Oliver Martin Romet Sebastian Artur Mark Markus Karl Kristofer Hugo Sander Oskar Mattias
Henri Kaspar Joosep Robert Marten Daniel Georg Kevin Hendrik Andreas Aleksander Gregor Mihkel Siim Tanel Ott
Jaan Rene Kristjan Kaur Rainer Kenert Lukas Leo Theodor Johannes Mikk Tristan Marcus Stefan Eerik Karl-Martin
Karl-Erik Hans Jakob Uku Sten Patrick Steven Tõnis Jürgen Elias Albert August Otto Villem Aron Rain Ragnar
Erik Kert Kermo Gert Taavi Rasmus-Erik Andero Markkus Mattias Henrik Matteo Rico Hardi""",
    given_female="""Sofia Maria Eliise Mia Emma Lisandra Laura Hanna Liisa Mirtel Sandra Anna Elisabeth Kätlin Marleen Nora
Lenna Aleksandra Isabella Mari Kertu Grete Johanna Saskia Lisete Helena Elis Emily Liis Triin Kristiina
Karoliine Gertrud Merili Loore Lisette Anette Hele Mirjam Simona Eva Emilia Elsa Amelia Marta Lotte Liisi
Maarja Kirke Elo Helis Ingrid Kristel Kerli Keiti Birgit Marii Teele Katariina Mari-Liis Anna-Maria Lilian
Viktoria Hanna-Liisa Grete-Liis Miia Arabella Adeele Olivia Luisa""",
    adult_male="""Andres Toomas Jaan Peeter Tarmo Margus Urmas Indrek Priit Rein Tiit Aivar Marko Janek Rain Siim Tanel
Kristjan Andrus Sander Martin Raul Jüri Meelis Alar Erki Kaido Ivo Mati Tõnu Veiko Ott Mart Kalle Lauri Madis
Marek Argo Risto Tõnis""",
    adult_female="""Kristi Kadri Triin Liis Kersti Maria Anne Tiina Marika Piret Katrin Kristiina Merike Pille Helen Kristel
Eve Kaire Tiiu Ene Kaja Marju Annika Mari Karin Signe Kairi Kerli Kätlin Maarja Liisa Evelin Merilin Jaanika
Kertu Reet Sirje Ingrid Anu Mari-Liis""",
    surname="""Tamm=50 Saar=45 Sepp=40 Mägi=38 Kask=36 Kukk=33 Rebane=31 Ilves=29 Pärn=28 Koppel=27 Lepik=26
Kuusk=25 Karu=24 Lõhmus=23 Mets=23 Raudsepp=22 Vaher=22 Kallas=21 Põder=20 Teder=20 Luik=20 Jõgi=20
Kangur=19 Lepp=19 Oja=19 Kivi=18 Ots=17 Kütt=17 Laur=17 Kuusik=17 Tamme=16 Toom=16 Sild=16 Aavik=16
Vares=15 Kruus=15 Paju=15 Kõiv=15 Raud=15 Org=15 Allik=14 Lill=14 Pihlak=14 Roos=14 Kaasik=14 Mänd=13
Jürgenson=13 Kivisild=13 Rand=13 Tõnisson=12 Laas=12 Liiv=12 Kalda=12 Saks=12 Kull=12 Lind=12 Soosaar=11
Järv=11 Põld=11 Pukk=11 Uibo=11 Unt=11 Nurk=11 Hunt=10 Parts=10 Aas=10 Sarapuu=10 Vahter=10 Talts=10
Käärik=10 Põldma=10 Laane=9 Sikk=9 Rätsep=9 Luts=9 Kasemets=9 Reinsalu=9 Tammik=9 Raag=9 Veski=9 Kase=9
Tammela=8 Kivistik=8 Hein=8 Mitt=8 Kirs=8 Muru=8 Vaino=8 Kangro=8 Jakobson=8 Kalju=8 Rosenberg=8
Peterson=8 Mölder=8 Hallik=7 Kikas=7 Kõrv=7 Lumi=7 Mikk=7 Pärtel=7 Ruus=7 Sõmer=7 Tooming=7 Väli=7
Erm=7 """,
)

LV = dict(
    source="Office of Citizenship and Migration Affairs of Latvia (PMLP) name statistics: newborns' first "
           "names and surnames of the population",
    given_male="""Roberts Markuss Gustavs Olivers Kristaps Daniels Artūrs Emīls Ralfs Mārtiņš Rihards Jānis
Aleksandrs Maksims Matīss Tomass Marks Dāvis Kārlis Niklāvs Adrians Ričards Patriks Edvards Ernests
Krišjānis Ādams Sandis Edgars Reinis Raivis Toms Elvis Kristers Renārs Valters Alekss Miks Rūdolfs Rainers
Deniss Gatis Oskars Teodors Leo Linards Ēriks Jēkabs Pēteris Andris Juris Mārcis Lūkass Sebastians Viesturs
Arvis Hugo Ansis Krists Arnis Lauris Henrijs Dāvids Eduards Emanuels Nauris Ivo Gints Oto Ervīns Rodrigo
Dairis Kaspars Artis Markus Nikolass Jurģis Ēvalds Klāvs Ingus""",
    given_female="""Sofija Anna Emīlija Alise Marta Paula Elīza Luīze Viktorija Estere Elizabete Keita Amēlija Laura
Katrīna Evelīna Sāra Megija Beatrise Patrīcija Marija Adele Līva Elza Rēzija Agate Emma Gabriela Krista
Diāna Ance Annija Ieva Alīna Santa Kate Kristiāna Linda Madara Rebeka Terēze Simona Lote Dārta Elīna Ilze
Jūlija Zane Monta Rūta Agnese Dace Inese Kitija Līga Undīne Una Samanta Tīna Anete Mia Ēva Vanesa Arta Lauma
Sindija Emija Veronika Stella Nora Darja Anastasija Milana Polina Ksenija Liene Lelde Daniela""",
    adult_male="""Jānis Andris Mārtiņš Edgars Kaspars Aleksandrs Raivis Gatis Māris Artūrs Uldis Juris Aivars Ivars
Ainārs Guntis Normunds Kristaps Armands Dainis Sandis Andrejs Sergejs Kārlis Pēteris Valdis Aigars Agris
Rolands Toms Roberts Mareks Artis Ģirts Intars Arnis Jurģis Modris Oskars Ingus""",
    adult_female="""Inese Ilze Līga Kristīne Dace Anita Ieva Laura Linda Evija Inga Sanita Zane Santa Agnese Baiba
Jolanta Aija Ineta Gunta Iveta Sandra Dana Daiga Anna Elīna Marta Madara Signe Liene Sintija Diāna Ilona Rita
Jeļena Olga Natālija Aiga Iluta Elita""",
    # male/female
    surname="""Bērziņš/Bērziņa=140 Kalniņš/Kalniņa=110 Ozoliņš/Ozoliņa=100 Jansons/Jansone=90 Ozols/Ozola=80
Liepiņš/Liepiņa=70 Krūmiņš/Krūmiņa=60 Balodis/Balode=60 Eglītis/Eglīte=55 Zariņš/Zariņa=52
Pētersons/Pētersone=50 Vītols/Vītola=50 Kļaviņš/Kļaviņa=48 Kārkliņš/Kārkliņa=45 Vanags/Vanaga=44
Lācis/Lāce=42 Siliņš/Siliņa=40 Andersons/Andersone=40 Jēkabsons/Jēkabsone=38 Lapiņš/Lapiņa=35
Zvaigzne/Zvaigzne=34 Grīnbergs/Grīnberga=33 Sproģis/Sproģe=32 Strazdiņš/Strazdiņa=32 Cīrulis/Cīrule=31
Kalējs/Kalēja=31 Dūmiņš/Dūmiņa=30 Skujiņš/Skujiņa=30 Rozenbergs/Rozenberga=29 Āboliņš/Āboliņa=29
Krastiņš/Krastiņa=29 Vilks/Vilka=28 Putniņš/Putniņa=28 Zaķis/Zaķe=28 Briedis/Briede=27 Mednis/Medne=27
Gailis/Gaile=27 Rudzītis/Rudzīte=25 Muižnieks/Muižniece=24 Zālītis/Zālīte=24 Freimanis/Freimane=24
Zvirbulis/Zvirbule=23 Sīlis/Sīle=22 Lejiņš/Lejiņa=22 Kundziņš/Kundziņa=22 Ābele/Ābele=21 Bite/Bite=21
Priede/Priede=21 Roze/Roze=20 Lapsa/Lapsa=20 Liepa/Liepa=20 Celmiņš/Celmiņa=20 Jurēvičs/Jurēviča=19
Leitis/Leite=19 Puriņš/Puriņa=19 Pūliņš/Pūliņa=19 Kalnietis/Kalniete=18 Dzenis/Dzene=18 Zeltiņš/Zeltiņa=18
Zirnis/Zirne=18 Circenis/Circene=17 Straume/Straume=17 Ozolnieks/Ozolniece=17 Dreimanis/Dreimane=17
Tomsons/Tomsone=17 Riekstiņš/Riekstiņa=16 Mucenieks/Muceniece=16 Avotiņš/Avotiņa=16 Sniķeris/Sniķere=15
Pauls/Paula=15 Rubenis/Rubene=15 Ezeriņš/Ezeriņa=15 Ziemelis/Ziemele=15 Paegle/Paegle=15 Krauze/Krauze=14
Vārna/Vārna=14 Kauliņš/Kauliņa=14 Pūķis/Pūķe=14 Zīle/Zīle=14 Grava/Grava=14 Eiduks/Eiduka=13
Pakalns/Pakalne=13 Apinis/Apine=13 Lūsis/Lūse=13 Dzērve/Dzērve=13 Krieviņš/Krieviņa=13 Upītis/Upīte=13
Freibergs/Freiberga=12 Bisenieks/Biseniece=12 Kronbergs/Kronberga=12 Feldmanis/Feldmane=12 Šmits/Šmite=12
Millers/Millere=12 Šulcs/Šulce=11 Purmalis/Purmale=11 Sausiņš/Sausiņa=11 Kalns/Kalna=11 
Dukurs/Dukure=10 Birznieks/Birzniece=10 Ķēniņš/Ķēniņa=10 Ģērmanis/Ģērmane=10 Kļava/Kļava=10 Zelmenis/Zelmene=10 Skudra/Skudra=10 Kazāks/Kazāka=10 Saulītis/Saulīte=10 Plūme/Plūme=9
Bumbieris/Bumbiere=9 Mežs/Meža=9 Lazdiņš/Lazdiņa=9  Dambis/Dambe=9 Ošiņš/Ošiņa=9
Jaunzems/Jaunzeme=9 Vecvagars/Vecvagare=8 Rudzāts/Rudzāte=8 Lūciņš/Lūciņa=8  Grants/Grante=8
Bērzkalns/Bērzkalne=8 Stepiņš/Stepiņa=8  Ūdris/Ūdre=8 Vasiļjevs/Vasiļjeva=8 Ivanovs/Ivanova=8""",
)

LT = dict(
    source="Lithuanian Centre of Registers (Registrų centras) name statistics: newborns' first names and "
           "surnames of the population",
    given_male="""Jonas Lukas Matas Nojus Kajus Benas Dominykas Markas Dovydas Herkus Joris Jokūbas Augustas Emilis
Gabrielius Adomas Mantas Kristupas Domantas Tomas Rokas Paulius Ignas Titas Arnas Danielius Vakaris Aronas
Motiejus Justas Ugnius Karolis Tadas Deividas Martynas Povilas Simonas Vilius Edvinas Gustas Leonas Pijus
Jurgis Kostas Benediktas Modestas Vytautas Mykolas Eimantas Gytis Laurynas Aidas Faustas Justinas
Aleksandras Ąžuolas Šarūnas Žygimantas Kasparas Rojus Kipras Oskaras Henrikas Ernestas Tauras Domas Elijus
Arijus Dovas Pranas Antanas Kazimieras Juozas Viktoras Augustinas Ugnius Liudas Erikas Mangirdas""",
    given_female="""Emilija Kamilė Gabija Austėja Lėja Ugnė Urtė Liepa Amelija Sofija Viltė Goda Gabrielė Miglė
Patricija Ieva Lukrecija Smiltė Saulė Rugilė Adelė Luknė Agnė Deimantė Paulina Emilė Elzė Rusnė Eglė Akvilė
Aistė Karolina Gustė Marija Ema Greta Viktorija Nida Aušrinė Dovilė Barbora Upė Meda Kotryna Vakarė Beatričė
Elija Augustė Justė Laura Monika Simona Rūta Vaiva Jorė Liucija Milda Indrė Lina Vilija Rasa Mėta Aurelija
Skaistė Fausta Dominyka Giedrė Orinta Ainė Rugilė Estela Andrėja""",
    adult_male="""Tomas Mindaugas Andrius Darius Marius Vytautas Paulius Mantas Tadas Karolis Justinas Aurimas Rolandas
Giedrius Saulius Donatas Dainius Audrius Arūnas Edvinas Gediminas Nerijus Rimantas Algirdas Ramūnas
Egidijus Žydrūnas Vaidas Evaldas Linas Robertas Ignas Lukas Deividas Kęstutis Aivaras Sigitas Vilius Jonas
Valdas""",
    adult_female="""Rasa Jurgita Inga Kristina Giedrė Ieva Agnė Aistė Eglė Rūta Laura Vilma Simona Asta Lina Neringa Vaida
Jolanta Daiva Irena Aušra Gintarė Ingrida Rita Monika Indrė Audronė Vida Loreta Živilė Dovilė Raminta
Sandra Edita Renata Viktorija Jūratė Gražina Sigita Ramunė""",
    # male forms; the unmarried and married female forms follow Lithuanian grammar (build_names.lt_forms)
    surname="""Kazlauskas=80 Jankauskas=65 Petrauskas=60 Stankevičius=55 Vasiliauskas=50 Žukauskas=50 Butkus=45
Paulauskas=45 Urbonas=43 Kavaliauskas=42 Baranauskas=40 Pocius=40 Navickas=38 Rimkus=37 Sakalauskas=36
Lukoševičius=35 Kaminskas=35 Vaitkus=34 Žilinskas=33 Ramanauskas=33 Šimkus=32 Adomaitis=31 Mikalauskas=30
Savickas=30 Juška=30 Mockus=29 Jakubauskas=29 Bernotas=28 Mažeika=28 Kairys=27 Gudaitis=27
Kalinauskas=27 Kučinskas=26 Marcinkevičius=26 Jonaitis=26 Balčiūnas=25 Černiauskas=25 Petraitis=24
Ivanauskas=24 Kriaučiūnas=23 Jurevičius=23 Žemaitis=23 Stankus=22 Mickevičius=22 Grigas=21 Dambrauskas=21
Tamošiūnas=21 Norkus=21 Jasiūnas=20 Rutkauskas=20 Lapinskas=20 Grigaliūnas=20 Bagdonas=19 Bartkus=19
Daukša=19 Vitkauskas=19 Simonaitis=18 Budrys=18 Vaitkevičius=18 Sinkevičius=18 Jasinskas=17
Kazakevičius=17 Valančius=17 Klimas=17 Čepulis=16 Gailius=16 Kasparavičius=16 Šukys=16 Šimkūnas=16
Mačiulis=15 Matulis=15 Markevičius=15 Mikulskis=15 Tamulis=15 Jablonskis=14 Misevičius=14 Valiūnas=14
Vaičiulis=14 Rimkevičius=14 Jurkus=14 Pakalnis=13 Sadauskas=13 Šidlauskas=13 Sabaliauskas=13 Čeponis=13
Brazauskas=13 Petkevičius=13 Juozapaitis=12 Stonkus=12 Laurinavičius=12 Valaitis=12 Vilkas=12 Karalius=12
Bružas=11 Ambrazevičius=11 Andriuškevičius=11 Daugėla=11 Gudelis=11 Jokubauskas=11 Kubilius=11
Kuzminskas=11 Leonavičius=10 Lukošius=10 Mačiulskis=10 Noreika=10 Ožalas=10 Pranckevičius=10 Rakauskas=10
Stasiulis=10 Šeputis=10 Tamošauskas=10 Urbonavičius=10 Vaškevičius=10 Zabiela=10 Žukas=10 Čekanauskas=9""",
)
