a0101-----
r a BC-AS--Korea-Ferry 2ndLd-Writethru   04-12 0210
^BC-AS--Korea-Ferry, 2nd Ld-Writethru,210<
^Ferry runs aground off island, all 80 aboard rescued<
^Eds: UPDATES with all passengers rescued. With AP Photos.<
^By MIN-JI PARK and OLIVER GRANT=
^Associated Press=
	   MOKPO, South Korea (AP) _ A passenger ferry ran aground off a small island on Sunday and all 80 people aboard were rescued, the coast guard said. 
	   The ferry was on its regular route when it hit rocks in fog, officials said. 
	   ___ 
	   Nobody was seriously hurt, a coast guard spokesman said. 

	   AP-WF-04-12-26 0915GMT<


